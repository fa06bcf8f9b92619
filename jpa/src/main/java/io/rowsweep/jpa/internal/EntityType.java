package io.rowsweep.jpa.internal;

import java.util.List;

/**
 * One concrete entity class of a table, with all its persistent attributes (inherited ones
 * included), and what of it is not read.
 *
 * @param discriminator its discriminator value in a single-table hierarchy (or a joined one with a discriminator column), or null
 * @param ownTable      in a joined hierarchy without discriminator column, the table whose row marks a row as this class; else null
 * @param skipped       its properties that are not read from the row, and why
 */
public record EntityType(Class<?> type, String entityName, String discriminator, String ownTable, List<Attribute> attributes,
                         List<SkippedProperty> skipped) {

    public EntityType {
        attributes = List.copyOf(attributes);
        skipped = List.copyOf(skipped);
    }
}

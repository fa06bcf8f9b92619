package io.rowsweep.jpa.internal;

import java.util.List;

/**
 * One concrete entity class of a table, with all its persistent attributes (inherited ones
 * included).
 *
 * @param discriminator its discriminator value in a single-table hierarchy, or null
 */
public record EntityType(Class<?> type, String entityName, String discriminator, List<Attribute> attributes) {

    public EntityType {
        attributes = List.copyOf(attributes);
    }
}

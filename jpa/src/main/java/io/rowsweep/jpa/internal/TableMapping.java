package io.rowsweep.jpa.internal;

import java.util.List;

/**
 * How the entities of one table map onto it: a single entity, or the concrete classes of a
 * single-table hierarchy told apart by a discriminator column.
 *
 * @param root                the entity class that owns the table (the root of its hierarchy)
 * @param schema              {@code @Table(schema)}, or null
 * @param tableNames          table name candidates, best first
 * @param types               the concrete entity classes stored in the table
 * @param discriminatorColumn the discriminator column's name candidates, or null when the table holds one class
 * @param uniqueConstraints   {@code @Table(uniqueConstraints)}: each a list of column names as written
 */
public record TableMapping(Class<?> root, String schema, List<String> tableNames, List<EntityType> types,
                           List<String> discriminatorColumn, List<List<String>> uniqueConstraints) {

    public TableMapping {
        tableNames = List.copyOf(tableNames);
        types = List.copyOf(types);
        uniqueConstraints = List.copyOf(uniqueConstraints);
    }

    /** The entity name of the root, for messages. */
    public String entityName() {
        return EntityModel.entityName(root);
    }

    /** The table as the user would name it, e.g. {@code app.blog_post}: the best candidate, schema-qualified if given. */
    public String label() {
        return schema == null ? tableNames.get(0) : schema + "." + tableNames.get(0);
    }
}

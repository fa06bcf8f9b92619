package io.rowsweep.jpa.internal;

import java.util.List;

/**
 * How the entities of one table map onto it, as Hibernate ORM's boot metamodel says: a single
 * entity, the concrete classes of a single-table hierarchy told apart by a discriminator column,
 * or the classes of a joined hierarchy whose subclass tables (and secondary tables) are joined to
 * the table by its key.
 *
 * @param root                the entity class that owns the table (the root of its hierarchy; the class itself with TABLE_PER_CLASS)
 * @param entityName          the root's entity name
 * @param schema              the table's schema (or catalog), or null for the connection's
 * @param table               the table's name as Hibernate derives it
 * @param keyColumns          the table's identifier columns, which joined tables' key columns match in order
 * @param joins               tables joined by key: superclass/subclass tables of a joined hierarchy, secondary tables
 * @param types               the concrete entity classes whose rows the table holds, that are validated
 * @param discriminatorColumn the discriminator column, or null
 * @param uniqueConstraints   {@code @Table(uniqueConstraints)} of the table: each a list of column names
 */
public record TableMapping(Class<?> root, String entityName, String schema, String table, List<String> keyColumns,
                           List<JoinedTable> joins, List<EntityType> types, String discriminatorColumn,
                           List<List<String>> uniqueConstraints) {

    public TableMapping {
        keyColumns = List.copyOf(keyColumns);
        joins = List.copyOf(joins);
        types = List.copyOf(types);
        uniqueConstraints = List.copyOf(uniqueConstraints);
    }

    /** The table as the user would name it: {@code schema.table} when it has a schema. */
    public String label() {
        return schema == null ? table : schema + "." + table;
    }

    /**
     * A table joined to the mapped one by key.
     *
     * @param keyColumns its columns that hold the mapped table's key, in the order of {@link TableMapping#keyColumns}
     */
    public record JoinedTable(String schema, String table, List<String> keyColumns) {

        public JoinedTable {
            keyColumns = List.copyOf(keyColumns);
        }

        public String label() {
            return schema == null ? table : schema + "." + table;
        }
    }
}

package io.rowsweep.core.spi;

/**
 * A column's type as the database itself declares it, beyond what JDBC metadata says.
 *
 * @param declared       the type as the database writes it, usable in {@code CAST(? AS declared)}: {@code numeric(10,2)},
 *                       {@code "app".mood}, {@code timestamp(6)}, {@code enum('a','b')}
 * @param base           the built-in type its values behave as, lower case ({@code int8}, {@code enum}, {@code array}; a
 *                       domain's base type)
 * @param operatorSchema where the comparison operators of the type's default B-tree order live when a bare {@code <}
 *                       might not find them (PostgreSQL: an extension's schema, for citext say); null otherwise
 */
public record ColumnType(String declared, String base, String operatorSchema) {

    public ColumnType(String declared, String base) {
        this(declared, base, null);
    }
}

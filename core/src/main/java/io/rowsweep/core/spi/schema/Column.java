package io.rowsweep.core.spi.schema;

import io.rowsweep.core.spi.ColumnType;

import java.sql.Types;
import java.util.Locale;

/**
 * A table column as the database describes it.
 *
 * @param typeName the driver's type name (JDBC {@code TYPE_NAME})
 * @param type     the type as the database declares it ({@link ColumnType}); the driver's type name where the
 *                 dialect knows no better
 */
public record Column(String name, int jdbcType, String typeName, boolean nullable, int size, ColumnType type) {

    /** A column described by the driver alone. */
    public Column(String name, int jdbcType, String typeName, boolean nullable, int size) {
        this(name, jdbcType, typeName, nullable, size, new ColumnType(typeName, typeName == null ? null : typeName.toLowerCase(Locale.ROOT)));
    }

    public Column(String name, int jdbcType, String typeName, boolean nullable, int size, String declaredType, String baseType) {
        this(name, jdbcType, typeName, nullable, size, new ColumnType(declaredType, baseType));
    }

    public Column(String name, int jdbcType, String typeName, boolean nullable, int size, String declaredType, String baseType,
                  String operatorSchema) {
        this(name, jdbcType, typeName, nullable, size, new ColumnType(declaredType, baseType, operatorSchema));
    }

    /** The type as declared, e.g. {@code numeric(10,2)}, {@code "app".mood}, {@code enum('a','b')}, {@code bigint(20) unsigned}. */
    public String declaredType() {
        return type.declared();
    }

    /** The built-in type values behave as, lower case: {@code int8}, {@code timestamptz}, {@code enum}, {@code array}. */
    public String baseType() {
        return type.base();
    }

    public boolean isIntegral() {
        return jdbcType == Types.INTEGER || jdbcType == Types.BIGINT || jdbcType == Types.SMALLINT || jdbcType == Types.TINYINT;
    }
}

package io.rowsweep.core.internal.schema;

import java.sql.Types;

/** A table column as the database describes it. */
public record Column(String name, int jdbcType, String typeName, boolean nullable, int size) {

    public boolean isIntegral() {
        return jdbcType == Types.INTEGER || jdbcType == Types.BIGINT || jdbcType == Types.SMALLINT || jdbcType == Types.TINYINT;
    }
}

package io.rowsweep.bench.internal.springbatch;

import io.rowsweep.demo.SeedTable;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spring Batch's classic column-range partitioning, per table: {@code min(id)..max(id)} split
 * into {@code gridSize} equal id ranges. On sparse ids the ranges hold unequal numbers of rows;
 * that is how this partitioner works, and part of what is measured.
 */
public final class IdRangePartitioner implements Partitioner {

    public static final String TABLE = "table";
    public static final String MIN_ID = "minId";
    public static final String MAX_ID = "maxId";

    private final JdbcTemplate jdbc;

    public IdRangePartitioner(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (SeedTable table : SeedTable.values()) {
            Map<String, Object> bounds = jdbc.queryForMap("SELECT MIN(id) AS lo, MAX(id) AS hi FROM " + table.tableName());
            if (bounds.get("lo") == null) {
                continue;
            }
            long min = ((Number) bounds.get("lo")).longValue();
            long max = ((Number) bounds.get("hi")).longValue();
            long size = (max - min) / gridSize + 1;
            for (int i = 0; i < gridSize; i++) {
                long lo = min + i * size;
                if (lo > max) {
                    break;
                }
                ExecutionContext context = new ExecutionContext();
                context.putString(TABLE, table.tableName());
                context.putLong(MIN_ID, lo);
                context.putLong(MAX_ID, Math.min(max, lo + size - 1));
                partitions.put(table.tableName() + "-" + i, context);
            }
        }
        return partitions;
    }
}

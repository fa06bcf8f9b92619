package io.rowsweep.bench.internal.springbatch;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import java.util.concurrent.atomic.LongAdder;

/** The job's writer: counts rows, invalid rows and violations over all partitions. */
public final class ValidationTally implements ItemWriter<ValidatedItem> {

    private final LongAdder rows = new LongAdder();
    private final LongAdder invalidRows = new LongAdder();
    private final LongAdder violations = new LongAdder();

    @Override
    public void write(Chunk<? extends ValidatedItem> chunk) {
        rows.add(chunk.size());
        for (ValidatedItem item : chunk) {
            if (item.violations() > 0) {
                invalidRows.increment();
                violations.add(item.violations());
            }
        }
    }

    public long rows() {
        return rows.sum();
    }

    public long invalidRows() {
        return invalidRows.sum();
    }

    public long violations() {
        return violations.sum();
    }
}

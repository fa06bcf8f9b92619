package io.rowsweep.bench.internal.springbatch;

import io.rowsweep.demo.model.Content;

/** An item and how many constraints it breaks (0 = valid). */
public record ValidatedItem(Content item, int violations) {
}

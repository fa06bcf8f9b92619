package io.rowsweep.jpa.internal;

/**
 * A persistent property that is not read from the entity's row, and why: a collection (rows of
 * another table), a formula, a composite foreign key. Bean Validation does not reach it either,
 * as JPA's own validation does not reach what is not loaded.
 *
 * @param holder   the class that declares it (the entity, or an embeddable)
 * @param property its property path from the entity, e.g. {@code address.lines}
 * @param name     its name in {@code holder}
 * @param reason   why it is not read, e.g. {@code collection (rows of table order_line)}
 */
public record SkippedProperty(Class<?> holder, String property, String name, String reason) {
}

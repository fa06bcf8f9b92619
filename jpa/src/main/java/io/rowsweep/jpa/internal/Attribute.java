package io.rowsweep.jpa.internal;

import java.lang.reflect.Field;
import java.util.List;

/**
 * One attribute of an entity as Hibernate ORM maps it: a basic value in a column, a value inside
 * an embedded object ({@code path} has the embedding fields first), the foreign key of a to-one
 * association, or an embedded object without columns of its own (only collections), which is
 * made on every row as JPA providers do.
 *
 * @param path        fields from the entity down to the attribute (one field unless embedded)
 * @param property    the property path as Bean Validation reports it, e.g. {@code address.street}
 * @param table       the table the column is in (the entity's own, a secondary or a superclass table), null for no column
 * @param column      the column's name as Hibernate derives it (naming strategy applied), null for an embedded object without columns
 * @param id          part of the entity's identifier
 * @param unique      the column is unique ({@code @Column(unique = true)}, an owning {@code @OneToOne})
 * @param enumOrdinal for an enum: true unless mapped {@code EnumType.STRING}
 * @param temporal    {@code @Temporal}'s type (DATE, TIME, TIMESTAMP), or null
 * @param converter   the {@code AttributeConverter} class Hibernate applies, or null
 * @param reference   the association this foreign key belongs to, or null for a plain column
 */
public record Attribute(List<Field> path, String property, String table, String column, boolean id, boolean unique,
                        boolean enumOrdinal, String temporal, Class<?> converter, Reference reference) {

    public Attribute {
        path = List.copyOf(path);
    }

    /** An embedded object with no columns of its own, made on every row. */
    static Attribute emptyEmbedded(List<Field> path, String property) {
        return new Attribute(path, property, null, null, false, false, false, null, null, null);
    }

    /** The field the value is stored in. */
    public Field field() {
        return path.get(path.size() - 1);
    }

    /** Whether it reads a column (else it is an embedded object without columns). */
    public boolean hasColumn() {
        return column != null;
    }

    /**
     * The owning side of a {@code @ManyToOne} or {@code @OneToOne}: the column holds the key of a
     * row of {@code target}'s table.
     *
     * @param target           the referenced entity class
     * @param targetField      the field of {@code target} the column's value belongs in (its id, or the referenced property)
     * @param targetEntity     the referenced entity's name, for messages
     * @param targetTable      the referenced table, as Hibernate names it ({@code schema.table} when it has a schema)
     * @param referencedColumn the referenced column
     */
    public record Reference(Class<?> target, Field targetField, String targetEntity, String targetTable, String referencedColumn) {
    }
}

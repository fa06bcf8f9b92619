package io.rowsweep.jpa.internal;

import java.lang.reflect.Field;
import java.util.List;

/**
 * One column-backed attribute of an entity: a basic field, a field of an embedded object
 * ({@code path} has the embedding fields first), or the foreign key of a to-one association.
 *
 * @param path         fields from the entity down to the attribute (one field unless embedded)
 * @param property     the property path as Bean Validation reports it, e.g. {@code address.street}
 * @param columnNames  the column names to look for, best first (see {@link Naming#candidates})
 * @param id           part of the entity's identifier
 * @param unique       {@code @Column(unique = true)} or {@code @JoinColumn(unique = true)}
 * @param enumOrdinal  for an enum: true for {@code EnumType.ORDINAL} (JPA's default), false for STRING
 * @param temporal     {@code @Temporal}'s type (DATE, TIME, TIMESTAMP), or null
 * @param converter    the {@code @Convert} converter class, or null
 * @param reference    the association this foreign key belongs to, or null for a plain column
 */
public record Attribute(List<Field> path, String property, List<String> columnNames, boolean id, boolean unique,
                        boolean enumOrdinal, String temporal, Class<?> converter, Reference reference) {

    public Attribute {
        path = List.copyOf(path);
        columnNames = List.copyOf(columnNames);
    }

    /** The field the value is stored in. */
    public Field field() {
        return path.get(path.size() - 1);
    }

    /**
     * The owning side of a {@code @ManyToOne} or {@code @OneToOne}: the column holds the key of a
     * row of {@code target}'s table.
     *
     * @param target           the referenced entity class
     * @param targetField      the field of {@code target} the column's value belongs in (its id, or the referenced column's field)
     * @param referencedColumn the referenced column's name candidates
     */
    public record Reference(Class<?> target, Field targetField, List<String> referencedColumn) {
    }
}

package io.rowsweep.validation.model;

import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;

/** An embeddable with primitive fields: when all its columns are NULL it is null, and its primitives are no problem. */
@Entity
@Table(name = "parcels")
public class Parcel {
    @Id
    Long id;
    @Embedded
    @Valid
    Size size;

    @Embeddable
    public static class Size {
        @Positive
        int width;
        int height;
    }
}

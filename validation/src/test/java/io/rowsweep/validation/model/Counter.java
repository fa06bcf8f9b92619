package io.rowsweep.validation.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.validation.constraints.Min;

/** Its column {@code views} holds text in the test table, some of it not a number. */
@Entity
public class Counter {
    @Id
    Long id;
    @Min(0)
    Integer views;
    OrderLine.Status status;
}

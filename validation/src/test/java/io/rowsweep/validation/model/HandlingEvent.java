package io.rowsweep.validation.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.validation.constraints.NotBlank;

/** Named as written under JPA's naming: table {@code HandlingEvent}, which PostgreSQL folds to {@code handlingevent}. */
@Entity
public class HandlingEvent {
    @Id
    Long id;
    @NotBlank
    String location;
}

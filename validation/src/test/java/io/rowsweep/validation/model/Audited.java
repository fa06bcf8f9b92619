package io.rowsweep.validation.model;

import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.validation.constraints.NotNull;

import java.time.LocalDateTime;

@MappedSuperclass
public abstract class Audited {
    @Id
    Long id;
    @NotNull
    LocalDateTime createdAt;
}

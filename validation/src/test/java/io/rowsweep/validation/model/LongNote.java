package io.rowsweep.validation.model;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import jakarta.validation.constraints.NotNull;

@Entity
@DiscriminatorValue("L")
public class LongNote extends Note {
    @NotNull
    String body;
}

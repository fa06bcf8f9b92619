package io.rowsweep.validation.model;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import jakarta.validation.constraints.Size;

@Entity
@DiscriminatorValue("S")
public class ShortNote extends Note {
    @Size(max = 5)
    String body;
}

package io.rowsweep.validation.model;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import jakarta.validation.constraints.Positive;

@Entity
@DiscriminatorValue("V")
public class Video extends Content {
    @Positive
    Integer seconds;
}

package io.rowsweep.validation.model;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import jakarta.validation.constraints.NotBlank;

@Entity
@DiscriminatorValue("A")
public class Article extends Content {
    @NotBlank
    String body;

    @NotBlank
    public String getTitle() {
        return title;
    }
}

package io.rowsweep.validation.seed;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Entity
public class News {
    @Id
    Long id;
    @NotBlank
    @Size(max = 255)
    String title;
    @Lob
    @NotBlank
    String body;
}

package com.example.consumer;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A user's entity: rows of table {@code gadget} with a blank or over-long name are invalid. */
@Entity
public class Gadget {

    @Id
    private Long id;

    @NotBlank
    @Size(max = 20)
    private String name;

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }
}

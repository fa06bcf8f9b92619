package io.rowsweep.validation.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.validation.constraints.NotNull;

/** Table {@code comment} (implicit name), foreign key {@code post_id} (implicit). */
@Entity
public class Comment {
    @Id
    Long id;
    @NotNull
    @ManyToOne
    Post post;
    String text;
}

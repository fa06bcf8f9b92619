package io.rowsweep.validation.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Maps a column the test table does not have. */
@Entity
@Table(name = "posts")
public class Ghost {
    @Id
    Long id;
    String subtitle;
}

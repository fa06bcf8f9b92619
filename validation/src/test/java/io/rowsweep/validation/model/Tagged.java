package io.rowsweep.validation.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;

/** PostgreSQL arrays and a timestamptz, read as the database means them. */
@Entity
@Table(name = "pg_tagged")
public class Tagged {
    @Id
    Long id;

    @NotEmpty
    @Size(max = 2)
    String[] tags;

    @PastOrPresent
    OffsetDateTime seenAt;
}

package io.rowsweep.junit;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A sample entity whose table the database does not have. */
@Entity
@Table(name = "ghost")
public class Ghost {
    @Id
    Long id;
}

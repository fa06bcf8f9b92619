package io.rowsweep.demo.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The seed's Essay model: 40,000 rows. */
@Entity
@Table(name = "essays")
public class Essay extends Content {
}

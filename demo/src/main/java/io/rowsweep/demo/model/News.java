package io.rowsweep.demo.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The seed's News model: 40,000 rows. */
@Entity
@Table(name = "news")
public class News extends Content {
}

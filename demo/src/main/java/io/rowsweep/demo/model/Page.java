package io.rowsweep.demo.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The seed's Page model: 40,000 rows. */
@Entity
@Table(name = "pages")
public class Page extends Content {
}

package io.rowsweep.demo.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The seed's StaticPage model: 22,000 rows. */
@Entity
@Table(name = "static_pages")
public class StaticPage extends Content {
}

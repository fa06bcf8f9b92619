package io.rowsweep.demo.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The seed's SubPage model: 22,000 rows. */
@Entity
@Table(name = "sub_pages")
public class SubPage extends Content {
}

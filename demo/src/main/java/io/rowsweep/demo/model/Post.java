package io.rowsweep.demo.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The seed's Post model: 572,000 rows, the largest table. */
@Entity
@Table(name = "posts")
public class Post extends Content {
}

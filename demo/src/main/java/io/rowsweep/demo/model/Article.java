package io.rowsweep.demo.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The seed's Article model: 496,687 rows, with sparse ids (gaps and a deleted range). */
@Entity
@Table(name = "articles")
public class Article extends Content {
}

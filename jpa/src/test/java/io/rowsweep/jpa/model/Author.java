package io.rowsweep.jpa.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity(name = "Writer")
public class Author {
    @Id
    @Column(name = "author_key")
    Long key;
    String fullName;
    @jakarta.persistence.OneToOne
    BlogPost featured;
}

package io.rowsweep.validation.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

@Entity
@Table(name = "posts")
public class Post {
    @Id
    Long id;
    @NotBlank
    @Size(max = 40)
    String title;
    @NotBlank
    String body;
    @Column(unique = true)
    String slug;
    @OneToMany(mappedBy = "post")
    List<Comment> comments;
    @Transient
    String computed;
    transient String cache;
}

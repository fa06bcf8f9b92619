package io.rowsweep.jpa.model;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.UniqueConstraint;

import java.util.List;
import java.util.Set;

@Entity
@Table(uniqueConstraints = @UniqueConstraint(columnNames = {"slug", "author_author_key"}))
public class BlogPost extends Base {
    static int instances;

    @Embeddable
    public static class Address {
        String street;
        String postCode;
    }

    @Column(name = "headline", unique = true)
    String title;
    String homeURL;
    String slug;
    @ManyToOne
    Author author;
    @ManyToOne
    @JoinColumn(name = "editor_ref", referencedColumnName = "author_key")
    Author editor;
    @OneToOne(mappedBy = "featured")
    Author featuredBy;
    @OneToMany
    List<Author> fans;
    @ManyToMany
    Set<Author> coauthors;
    @ElementCollection
    List<String> tags;
    @Transient
    String derived;
    transient String cache;
    @Embedded
    @AttributeOverrides({@AttributeOverride(name = "street", column = @Column(name = "ship_street"))})
    Address shipping;
}

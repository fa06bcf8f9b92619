package io.rowsweep.validation.oracle;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SecondaryTable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * A UUID id, a converter, an enum by name, a secondary table, an element collection, an
 * embeddable holding only a collection, and a to-one association.
 */
@Entity
@SecondaryTable(name = "article_stats")
public class Article {
    public enum Status { DRAFT, PUBLISHED }

    @Id
    UUID id;
    @Convert(converter = Trimmed.class)
    @NotBlank
    @Size(max = 20)
    String title;
    @Enumerated(EnumType.STRING)
    @NotNull
    Status status;
    @Column(table = "article_stats")
    @PositiveOrZero
    Integer views;
    @ElementCollection
    @Size(max = 1)
    List<String> keywords;
    @Embedded
    @NotNull
    Labels labels;
    @ManyToOne
    @NotNull
    Party author;
}

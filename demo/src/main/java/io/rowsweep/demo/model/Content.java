package io.rowsweep.demo.model;

import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What every seed model has: a numeric id, a title and a body, both required (Rails'
 * {@code validates :title, :body, presence: true}), the title at most 255 characters. Columns map
 * by default naming ({@code id}, {@code title}, {@code body}); each subclass names its table.
 */
@MappedSuperclass
public abstract class Content {

    /** Longest valid title, in characters. */
    public static final int TITLE_MAX = 255;

    @Id
    private Long id;

    @NotBlank
    @Size(max = TITLE_MAX)
    private String title;

    @NotBlank
    private String body;

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "#" + id;
    }
}

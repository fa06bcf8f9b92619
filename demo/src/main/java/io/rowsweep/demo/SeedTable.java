package io.rowsweep.demo;

import io.rowsweep.demo.model.Article;
import io.rowsweep.demo.model.Content;
import io.rowsweep.demo.model.Essay;
import io.rowsweep.demo.model.News;
import io.rowsweep.demo.model.Page;
import io.rowsweep.demo.model.Post;
import io.rowsweep.demo.model.StaticPage;
import io.rowsweep.demo.model.SubPage;
import jakarta.persistence.Table;

import java.util.Arrays;

/**
 * The seven tables of valid_data's benchmark, with the seed's row counts. Each has {@code id}
 * (bigint primary key), {@code title} and {@code body}; its entity class names it with
 * {@code @Table}.
 */
public enum SeedTable {
    SUB_PAGES(SubPage.class, 22_000, false),
    STATIC_PAGES(StaticPage.class, 22_000, false),
    ESSAYS(Essay.class, 40_000, false),
    NEWS(News.class, 40_000, false),
    PAGES(Page.class, 40_000, false),
    /** Sparse ids: only even ids, and after the first tenth of the rows a deleted range of 10 million ids. */
    ARTICLES(Article.class, 496_687, true),
    POSTS(Post.class, 572_000, false);

    private final Class<? extends Content> entityClass;
    private final long seedRows;
    private final boolean sparseIds;

    SeedTable(Class<? extends Content> entityClass, long seedRows, boolean sparseIds) {
        this.entityClass = entityClass;
        this.seedRows = seedRows;
        this.sparseIds = sparseIds;
    }

    /** The table's name, as the entity's {@code @Table} gives it (lower case, unquoted in DDL). */
    public String tableName() {
        return entityClass.getAnnotation(Table.class).name();
    }

    /** The seed's model name, e.g. {@code SubPage}. */
    public String modelName() {
        return entityClass.getSimpleName();
    }

    public Class<? extends Content> entityClass() {
        return entityClass;
    }

    /** Rows in the seed's benchmark. */
    public long seedRows() {
        return seedRows;
    }

    /** Whether the ids have gaps (so splitting min..max arithmetically gives uneven ranges). */
    public boolean sparseIds() {
        return sparseIds;
    }

    /** Rows at {@code scale}: the seed's count times the scale, rounded, at least 1. */
    public long rowsAt(double scale) {
        return Math.max(1, Math.round(seedRows * scale));
    }

    /** 1,232,687: all rows of the seed's benchmark. */
    public static long seedTotal() {
        return Arrays.stream(values()).mapToLong(SeedTable::seedRows).sum();
    }
}

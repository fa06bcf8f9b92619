package io.rowsweep.jpa;

import io.rowsweep.jpa.internal.Attribute;
import io.rowsweep.jpa.internal.EntityType;
import io.rowsweep.jpa.internal.HibernateMapping;
import io.rowsweep.jpa.internal.TableMapping;
import io.rowsweep.jpa.model.Author;
import io.rowsweep.jpa.model.BlogPost;
import io.rowsweep.jpa.model.Shapes;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapping as Hibernate ORM's boot metamodel gives it, without a database. */
class HibernateMappingTest {

    static HibernateMapping.Result map(String naming, Class<?>... entities) {
        return HibernateMapping.map(List.of(entities), List.of(), HibernateMappingTest.class.getClassLoader(), naming,
                HibernateMapping.hibernateDialect("postgresql"));
    }

    static TableMapping table(HibernateMapping.Result r, String name) {
        return r.tables().stream().filter(t -> t.table().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " in " + r));
    }

    static Map<String, Attribute> byProperty(EntityType type) {
        Map<String, Attribute> m = new LinkedHashMap<>();
        type.attributes().forEach(a -> m.put(a.property(), a));
        return m;
    }

    @Test
    void springBootNamingColumnsAssociationsAndCollections() {
        HibernateMapping.Result r = map(HibernateMapping.SPRING_NAMING, BlogPost.class);
        TableMapping post = table(r, "blog_post");
        assertThat(r.tables()).hasSize(1).as("Author is mapped for the association only");
        EntityType type = post.types().get(0);
        Map<String, Attribute> a = byProperty(type);
        assertThat(a.keySet()).containsExactlyInAnyOrder("id", "version", "title", "homeURL", "slug", "author", "editor",
                "shipping.street", "shipping.postCode");
        assertThat(a.get("title").column()).isEqualTo("headline");
        assertThat(a.get("title").unique()).isTrue();
        assertThat(a.get("homeURL").column()).isEqualTo("homeurl");
        assertThat(a.get("shipping.street").column()).isEqualTo("ship_street");
        assertThat(a.get("shipping.postCode").column()).isEqualTo("post_code");
        assertThat(a.get("author").column()).isEqualTo("author_author_key");
        assertThat(a.get("author").reference().target()).isEqualTo(Author.class);
        assertThat(a.get("author").reference().targetTable()).isEqualTo("writer");
        assertThat(a.get("author").reference().referencedColumn()).isEqualTo("author_key");
        assertThat(a.get("editor").column()).isEqualTo("editor_ref");
        assertThat(post.uniqueConstraints()).containsExactly(List.of("slug", "author_author_key"));
        assertThat(type.skipped()).extracting(p -> p.property()).containsExactlyInAnyOrder("fans", "coauthors", "tags", "featuredBy");
    }

    @Test
    void jpaNamingKeepsNamesAsWritten() {
        TableMapping post = table(map(HibernateMapping.JPA_NAMING, BlogPost.class), "BlogPost");
        assertThat(byProperty(post.types().get(0)).get("homeURL").column()).isEqualTo("homeURL");
    }

    @Test
    void joinedAndTablePerClassHierarchiesRecordsSecondaryTablesAndCollectionOnlyEmbeddables() {
        HibernateMapping.Result r = map(HibernateMapping.SPRING_NAMING, Shapes.Animal.class, Shapes.Dog.class, Shapes.Circle.class,
                Shapes.Kennel.class);
        TableMapping animal = table(r, "animal");
        assertThat(animal.joins()).extracting(TableMapping.JoinedTable::table).containsExactly("dog");
        assertThat(animal.types()).extracting(EntityType::ownTable).containsExactlyInAnyOrder("animal", "dog");
        assertThat(byProperty(animal.types().stream().filter(t -> t.type() == Shapes.Dog.class).findFirst().orElseThrow())
                .get("barkSound").table()).isEqualTo("dog");
        TableMapping circle = table(r, "circle");
        assertThat(byProperty(circle.types().get(0)).keySet()).containsExactlyInAnyOrder("id", "color", "radius");
        TableMapping kennel = table(r, "kennel");
        assertThat(kennel.joins()).extracting(TableMapping.JoinedTable::table).containsExactly("kennel_extra");
        Map<String, Attribute> k = byProperty(kennel.types().get(0));
        assertThat(k.get("location.x").column()).isEqualTo("x");
        assertThat(k.get("litter").hasColumn()).isFalse();
        assertThat(k.get("note").table()).isEqualTo("kennel_extra");
    }

    @Test
    void anEntityHibernateRefusesIsSkippedWithTheReasonAndTheOthersAreMapped() {
        HibernateMapping.Result r = map(HibernateMapping.SPRING_NAMING, Shapes.Broken.class, Shapes.Circle.class);
        assertThat(r.tables()).extracting(TableMapping::table).containsExactly("circle");
        assertThat(r.skipped()).singleElement().satisfies(s -> {
            assertThat(s.entity()).isEqualTo(Shapes.Broken.class.getName());
            assertThat(s.reason()).contains("notAnEntity");
        });
    }
}

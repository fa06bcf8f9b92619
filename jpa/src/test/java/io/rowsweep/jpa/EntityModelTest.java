package io.rowsweep.jpa;

import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.jpa.internal.Attribute;
import io.rowsweep.jpa.internal.EntityModel;
import io.rowsweep.jpa.internal.TableMapping;
import io.rowsweep.jpa.model.Author;
import io.rowsweep.jpa.model.BlogPost;
import io.rowsweep.jpa.model.LegacyOrder;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Reading a JPA mapping as Hibernate under Spring Boot would, without a database. */
class EntityModelTest {

    private static Map<String, Attribute> byProperty(Class<?> type) {
        Map<String, Attribute> m = new LinkedHashMap<>();
        EntityModel.attributes(type).forEach(a -> m.put(a.property(), a));
        return m;
    }

    @Test
    void persistentAttributesWithTheirColumnNames() {
        Map<String, Attribute> a = byProperty(BlogPost.class);
        assertThat(a.keySet()).containsExactly("id", "version", "title", "homeURL", "slug", "author", "editor", "shipping.street",
                "shipping.postCode");
        assertThat(a.get("id").id()).isTrue();
        assertThat(a.get("title").columnNames()).containsExactly("headline");
        assertThat(a.get("title").unique()).isTrue();
        assertThat(a.get("homeURL").columnNames()).containsExactly("homeurl", "homeURL");
        assertThat(a.get("shipping.street").columnNames()).containsExactly("ship_street");
        assertThat(a.get("shipping.postCode").columnNames()).containsExactly("post_code", "postCode");
    }

    @Test
    void toOneAssociationsBecomeTheirForeignKeyColumns() {
        Map<String, Attribute> a = byProperty(BlogPost.class);
        Attribute author = a.get("author");
        assertThat(author.columnNames()).containsExactly("author_author_key");
        assertThat(author.reference().target()).isEqualTo(Author.class);
        assertThat(author.reference().targetField().getName()).isEqualTo("key");
        assertThat(author.reference().referencedColumn()).containsExactly("author_key");
        Attribute editor = a.get("editor");
        assertThat(editor.columnNames()).containsExactly("editor_ref");
        assertThat(editor.reference().targetField().getName()).isEqualTo("key");
    }

    @Test
    void tableNamesUniqueConstraintsAndEntityNames() {
        TableMapping post = EntityModel.map(List.of(BlogPost.class)).get(0);
        assertThat(post.tableNames()).containsExactly("blog_post", "BlogPost");
        assertThat(post.uniqueConstraints()).containsExactly(List.of("slug", "authorKey"));
        assertThat(post.discriminatorColumn()).isNull();
        TableMapping author = EntityModel.map(List.of(Author.class)).get(0);
        assertThat(author.tableNames()).containsExactly("writer", "Writer");
    }

    @Test
    void legacyJavaxPersistenceMappingsWorkToo() {
        TableMapping m = EntityModel.map(List.of(LegacyOrder.class)).get(0);
        assertThat(m.tableNames()).containsExactly("legacy_orders");
        assertThat(m.schema()).isEqualTo("shop");
        assertThat(m.label()).isEqualTo("shop.legacy_orders");
        Map<String, Attribute> a = byProperty(LegacyOrder.class);
        assertThat(a.get("orderNo").id()).isTrue();
        assertThat(a.get("orderNo").columnNames()).containsExactly("order_no", "orderNo");
        assertThat(a.get("state").columnNames()).containsExactly("state_text");
        assertThat(a.get("state").enumOrdinal()).isFalse();
    }

    @Test
    void aClassThatIsNotAnEntityIsAConfigurationError() {
        RowSweepException e = catchThrowableOfType(RowSweepException.class, () -> EntityModel.map(List.of(String.class)));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(e.getMessage()).contains("java.lang.String is not an @Entity");
    }
}

/**
 * The seed's models (valid_data's benchmark: SubPage, StaticPage, Essay, News, Page, Article,
 * Post) as a Java application would write them: JPA entities whose Bean Validation constraints
 * are the rules rowsweep checks every row against. Each validates {@code title} and {@code body},
 * declared once on {@link io.rowsweep.demo.model.Content}.
 */
package io.rowsweep.demo.model;

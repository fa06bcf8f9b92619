package io.rowsweep.jpa.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.OneToMany;
import jakarta.persistence.SecondaryTable;

import java.util.List;

/** Inheritance and embeddables as Hibernate maps them: joined, table per class, records, an embeddable of collections only. */
public final class Shapes {
    private Shapes() {
    }

    @Entity(name = "Animal")
    @Inheritance(strategy = InheritanceType.JOINED)
    public static class Animal {
        @Id
        Long id;
        String name;
    }

    @Entity(name = "Dog")
    public static class Dog extends Animal {
        String barkSound;
    }

    @Entity(name = "Shape")
    @Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
    public abstract static class Shape {
        @Id
        Long id;
        String color;
    }

    @Entity(name = "Circle")
    public static class Circle extends Shape {
        double radius;
    }

    @Embeddable
    public record Point(Double x, Double y) {
    }

    @Embeddable
    public static class Litter {
        @OneToMany
        List<Dog> puppies;
    }

    @Entity(name = "Kennel")
    @SecondaryTable(name = "kennel_extra")
    public static class Kennel {
        @Id
        Long id;
        @Embedded
        Point location;
        @Embedded
        Litter litter;
        @Column(table = "kennel_extra")
        String note;
    }

    /** Refused by Hibernate: its association targets a class that is no entity. */
    @Entity(name = "Broken")
    public static class Broken {
        @Id
        Long id;
        @jakarta.persistence.ManyToOne
        Litter notAnEntity;
    }
}

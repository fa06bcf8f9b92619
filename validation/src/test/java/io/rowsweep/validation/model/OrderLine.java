package io.rowsweep.validation.model;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Positive;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

/** Embedded id, enums by name and by ordinal, dates, an embedded address with an overridden column. */
@Entity
@Table(name = "order_lines")
public class OrderLine {
    public enum Status { NEW, SHIPPED, CANCELLED }

    public enum Priority { LOW, HIGH }

    @Embeddable
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        Long orderId;
        Integer lineNo;
    }

    @Embeddable
    public static class Address {
        @NotBlank
        String street;
        String city;
    }

    @EmbeddedId
    Key id;
    @NotNull
    @Enumerated(EnumType.STRING)
    Status status;
    Priority priority;
    @Past
    LocalDate orderedOn;
    @NotNull
    Instant createdAt;
    @Positive
    int quantity;
    @Valid
    @Embedded
    @AttributeOverride(name = "city", column = @Column(name = "ship_city"))
    Address address;
}

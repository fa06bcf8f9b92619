package io.rowsweep.validation.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.validation.constraints.NotBlank;

/** Class-level constraint (start before end), a custom field constraint, and a group. */
@Entity
@ChronologicalDates
public class Event {
    public interface Strict {
    }

    @Id
    Long id;
    @Slug
    String eventCode;
    @NotBlank(groups = Strict.class)
    String organizer;
    java.time.LocalDate startDate;
    java.time.LocalDate endDate;

    public java.time.LocalDate startDate() {
        return startDate;
    }

    public java.time.LocalDate endDate() {
        return endDate;
    }
}

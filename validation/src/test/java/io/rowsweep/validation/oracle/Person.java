package io.rowsweep.validation.oracle;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;

import java.time.LocalDate;

/** A JOINED subclass with two nested record embeddables, their columns renamed by @AttributeOverrides. */
@Entity
public class Person extends Party {
    @Email
    String email;
    @NotNull
    @Past
    LocalDate birthDate;
    @Embedded
    @Valid
    @AttributeOverrides({@AttributeOverride(name = "street", column = @Column(name = "home_street")),
            @AttributeOverride(name = "city", column = @Column(name = "home_city")),
            @AttributeOverride(name = "geo.lat", column = @Column(name = "home_lat")),
            @AttributeOverride(name = "geo.lon", column = @Column(name = "home_lon"))})
    Address home;
    @Embedded
    @Valid
    @AttributeOverrides({@AttributeOverride(name = "street", column = @Column(name = "work_street")),
            @AttributeOverride(name = "city", column = @Column(name = "work_city")),
            @AttributeOverride(name = "geo.lat", column = @Column(name = "work_lat")),
            @AttributeOverride(name = "geo.lon", column = @Column(name = "work_lon"))})
    Address work;
}

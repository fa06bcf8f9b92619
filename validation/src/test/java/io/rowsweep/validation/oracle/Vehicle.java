package io.rowsweep.validation.oracle;

import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.validation.constraints.NotBlank;

/** A single-table hierarchy with the default discriminator values (entity names). */
@Entity
@Inheritance(strategy = InheritanceType.SINGLE_TABLE)
@DiscriminatorColumn(name = "kind")
public abstract class Vehicle {
    @Id
    Long id;
    @NotBlank
    String plate;
}

package io.rowsweep.validation.oracle;

import jakarta.persistence.Entity;
import jakarta.validation.constraints.Min;

@Entity
public class Car extends Vehicle {
    @Min(1)
    Integer seats;
}

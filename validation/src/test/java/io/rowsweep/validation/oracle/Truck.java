package io.rowsweep.validation.oracle;

import jakarta.persistence.Entity;
import jakarta.validation.constraints.NotNull;

@Entity
public class Truck extends Vehicle {
    @NotNull
    Double payloadTons;
}

package io.rowsweep.validation.oracle;

import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/** A record embeddable inside another one. */
@Embeddable
public record Geo(@DecimalMin("-90") @DecimalMax("90") Double lat, Double lon) {
}

package io.rowsweep.validation.oracle;

import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A record embeddable (Jakarta Persistence 3.2), holding a nested one. */
@Embeddable
public record Address(@NotBlank String street, @Size(max = 8) String city, @Embedded @Valid Geo geo) {
}

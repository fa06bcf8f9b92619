package io.rowsweep.validation.oracle;

import jakarta.persistence.Entity;
import jakarta.validation.constraints.Pattern;

/** Another JOINED subclass. */
@Entity
public class Company extends Party {
    @Pattern(regexp = "[A-Z]{2}[0-9]{6,10}")
    String vatId;
}

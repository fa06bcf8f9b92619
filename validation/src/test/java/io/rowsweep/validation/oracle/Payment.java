package io.rowsweep.validation.oracle;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.validation.constraints.Positive;

import java.math.BigDecimal;

/** The abstract root of a TABLE_PER_CLASS hierarchy: each concrete class has a table with all its columns. */
@Entity
@Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
public abstract class Payment {
    @Id
    Long id;
    @Positive
    BigDecimal amount;
}

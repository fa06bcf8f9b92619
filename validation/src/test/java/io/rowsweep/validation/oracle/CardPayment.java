package io.rowsweep.validation.oracle;

import jakarta.persistence.Entity;
import jakarta.validation.constraints.Size;

@Entity
public class CardPayment extends Payment {
    @Size(min = 4, max = 4)
    String lastDigits;
}

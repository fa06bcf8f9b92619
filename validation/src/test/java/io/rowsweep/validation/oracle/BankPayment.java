package io.rowsweep.validation.oracle;

import jakarta.persistence.Entity;
import jakarta.validation.constraints.NotBlank;

@Entity
public class BankPayment extends Payment {
    @NotBlank
    String iban;
}

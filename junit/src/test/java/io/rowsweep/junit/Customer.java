package io.rowsweep.junit;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;

/** The sample entity the sample test classes validate. */
@Entity
@Table(name = "customer")
public class Customer {
    @Id
    Long id;
    @NotBlank
    String name;
    @Email
    String email;
}

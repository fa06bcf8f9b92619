package io.rowsweep.validation.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.constraints.AssertFalse;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** One column per Bean Validation built-in; the rules file {@code checks.yaml} says the same. */
@Entity
@Table(name = "checks")
public class Checks {
    @Id
    Long id;
    @NotNull
    String notNull;
    @NotBlank
    String notBlank;
    @NotEmpty
    String notEmpty;
    @Size(min = 2, max = 5)
    String sizeText;
    @Min(10)
    Integer minInt;
    @Max(10)
    Integer maxInt;
    @DecimalMin("1.5")
    BigDecimal decMin;
    @DecimalMax(value = "9.5", inclusive = false)
    BigDecimal decMax;
    @Digits(integer = 3, fraction = 2)
    BigDecimal digits;
    @Pattern(regexp = "^[a-z]+$")
    String pattern;
    @Email
    String email;
    @Past
    LocalDate past;
    @PastOrPresent
    LocalDate pastOrPresent;
    @Future
    LocalDateTime future;
    @FutureOrPresent
    LocalDateTime futureOrPresent;
    @Positive
    Integer positive;
    @PositiveOrZero
    Long positiveOrZero;
    @Negative
    Integer negative;
    @NegativeOrZero
    BigDecimal negativeOrZero;
    @AssertTrue
    Boolean assertTrue;
    @AssertFalse
    Boolean assertFalse;
}

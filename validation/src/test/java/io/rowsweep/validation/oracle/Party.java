package io.rowsweep.validation.oracle;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotBlank;

/** The root of a JOINED hierarchy, concrete, with a version. */
@Entity
@Inheritance(strategy = InheritanceType.JOINED)
public class Party {
    @Id
    Long id;
    @Version
    int version;
    @NotBlank
    String displayName;
}

package io.rowsweep.validation.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.ManyToOne;

/** A hierarchy Hibernate ORM refuses (its association targets a class that is no entity); it must not keep other tables from being validated. */
@Entity
@Inheritance(strategy = InheritanceType.JOINED)
public class Refused {
    @Id
    Long id;
    @ManyToOne
    OrderLine.Status notAnEntity;
}

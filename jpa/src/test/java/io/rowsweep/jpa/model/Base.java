package io.rowsweep.jpa.model;

import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

@MappedSuperclass
public abstract class Base {
    @Id
    Long id;
    @Version
    int version;
}

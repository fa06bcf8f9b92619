package io.rowsweep.jpa.model;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;

/** Mapped with the legacy javax.persistence annotations. */
@Entity
@Table(name = "legacy_orders", schema = "shop")
public class LegacyOrder {
    public enum State { OPEN, CLOSED }

    @Id
    Long orderNo;
    @Column(name = "state_text")
    @Enumerated(EnumType.STRING)
    State state;
}

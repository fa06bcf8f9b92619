package io.rowsweep.samples.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.LocalDate;

@Entity
public class PurchaseOrder {

    @Id
    private Long id;

    @ManyToOne
    private Customer customer;

    @NotNull
    private LocalDate orderedOn;

    @Pattern(regexp = "NEW|PAID|SHIPPED")
    private String status;

    protected PurchaseOrder() {
    }

    public Long getId() {
        return id;
    }

    public Customer getCustomer() {
        return customer;
    }

    public LocalDate getOrderedOn() {
        return orderedOn;
    }

    public String getStatus() {
        return status;
    }
}

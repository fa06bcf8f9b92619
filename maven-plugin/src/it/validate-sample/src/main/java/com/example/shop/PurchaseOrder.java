package com.example.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.validation.constraints.Positive;

/** Table purchase_order, by Spring Boot's naming (rowsweep's default). */
@Entity
public class PurchaseOrder {

    @Id
    private Long id;

    private Long customerId;

    @Positive
    private int quantity;
}

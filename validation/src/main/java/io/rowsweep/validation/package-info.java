/**
 * The validate job: checks every row of large tables against the application's own Bean
 * Validation rules, from its entity classes or from a rules file, plus set-based uniqueness and
 * reference checks, and streams each violation to a file. Entry point: {@link io.rowsweep.validation.Validation}.
 */
package io.rowsweep.validation;

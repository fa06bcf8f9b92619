/** {@code validate}: checks every row against the application's Bean Validation rules, an entity model or a rules file. */
module io.rowsweep.validation {
    requires transitive io.rowsweep.core;
    requires io.rowsweep.jpa;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires jakarta.validation;
    requires org.hibernate.validator;

    exports io.rowsweep.validation;

    provides io.rowsweep.core.spi.job.SweepJobFactory with io.rowsweep.validation.internal.ValidateJobFactory;
}

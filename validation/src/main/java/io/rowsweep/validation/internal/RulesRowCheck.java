package io.rowsweep.validation.internal;

import io.rowsweep.jpa.internal.ColumnReaders;
import io.rowsweep.jpa.internal.ValueReader;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks each row's columns against the rules file's constraints: per column, the value goes into
 * this worker's holder bean, which is validated whole (cheaper per row than
 * {@code validateValue}, which parses its property path on every call).
 */
final class RulesRowCheck implements RowCheck {

    /**
     * A column's constraints, shared by the workers.
     *
     * @param holder    the value holder bean whose {@code value} carries the constraints
     * @param validator a validator with the constraints mapped onto {@code holder}
     * @param fast      passes values certainly valid without Hibernate Validator ({@link FastChecks}); null: always ask it
     */
    record ColumnRules(String column, int index, ValueReader reader, Class<?> holder, Validator validator, Predicate<Object> fast) {
    }

    private static final MethodType SETTER = MethodType.methodType(void.class, Object.class, Object.class);

    private final ColumnRules[] rules;
    private final Object[] holders;
    private final MethodHandle[] setters;

    RulesRowCheck(List<ColumnRules> rules) {
        this.rules = rules.toArray(new ColumnRules[0]);
        this.holders = new Object[this.rules.length];
        this.setters = new MethodHandle[this.rules.length];
        for (int i = 0; i < this.rules.length; i++) {
            Class<?> h = this.rules[i].holder();
            try {
                holders[i] = h.getDeclaredConstructor().newInstance();
                setters[i] = MethodHandles.lookup().findSetter(h, "value", ValueHolders.valueType(h)).asType(SETTER);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("value holder " + h.getName(), e);
            }
        }
    }

    @Override
    public void check(ResultSet rs, ViolationWriter out) throws Exception {
        out.row(rs);
        for (int i = 0; i < rules.length; i++) {
            ColumnRules r = rules[i];
            Object value;
            try {
                value = r.reader().read(rs, r.index());
            } catch (SQLException e) {
                if (!ColumnReaders.isDataError(e)) {
                    throw e;
                }
                out.add(r.column(), null, Validators.CONVERSION_ERROR, e.getMessage(), rs.getString(r.index()));
                continue;
            } catch (IllegalArgumentException e) {
                out.add(r.column(), null, Validators.CONVERSION_ERROR, e.getMessage() == null ? e.toString() : e.getMessage(),
                        rs.getString(r.index()));
                continue;
            }
            if (r.fast() != null && r.fast().test(value)) {
                continue;
            }
            Object holder = holders[i];
            Set<ConstraintViolation<Object>> violations;
            try {
                setters[i].invokeExact(holder, value);
                violations = r.validator().validate(holder);
            } catch (RuntimeException e) {
                out.add(r.column(), null, Validators.VALIDATOR_ERROR, Validators.describeFailure(e), value);
                continue;
            } catch (Throwable e) {
                throw new IllegalStateException("setting a value holder", e);
            }
            for (ConstraintViolation<Object> v : violations) {
                out.add(r.column(), null, Validators.constraintName(v), v.getMessage(), value);
            }
        }
    }
}

package io.rowsweep.validation.internal;

import io.rowsweep.jpa.internal.EntityBinder;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Validates each row with Hibernate Validator, bound to a new entity, unless the pre-check passes it. */
final class EntityRowCheck implements RowCheck {

    private final EntityBinder binder;
    private final Validator validator;
    private final Class<?>[] groups;
    /** Conversion problems of the current row: reused, so a clean row allocates nothing here. */
    private final List<String[]> problems = new ArrayList<>();
    private final EntityBinder.Problems collector = (column, property, value, message) ->
            problems.add(new String[] {column, property, value, message});

    /** Passes rows that are certainly valid, which then skip the entity and Hibernate Validator; null: none can. */
    private final EntityBinder.RowTest fast;

    /**
     * @param fast {@code binder}'s row test with the entities' {@link FastChecks}, or null
     */
    EntityRowCheck(EntityBinder binder, Validator validator, Class<?>[] groups, EntityBinder.RowTest fast) {
        this.binder = binder;
        this.validator = validator;
        this.groups = groups.clone();
        this.fast = fast;
    }

    @Override
    public void check(ResultSet rs, ViolationWriter out) throws Exception {
        out.row(rs);
        if (fast == null || !fast.passes(rs)) {
            validate(rs, out);
        }
    }

    private boolean unconverted(String property) {
        for (String[] p : problems) {
            if (p[1] != null && p[2] != null && (property.equals(p[1]) || property.startsWith(p[1] + "."))) {
                return true;
            }
        }
        return false;
    }

    /** Binds the row and validates it in full; kept out of check, which most rows leave at the pre-check. */
    private void validate(ResultSet rs, ViolationWriter out) throws Exception {
        problems.clear();
        Object entity = binder.read(rs, collector);
        for (String[] p : problems) {
            out.add(p[0], p[1], Validators.CONVERSION_ERROR, p[3], p[2]);
        }
        if (entity == null) {
            return; // a subclass of the hierarchy that was not asked for
        }
        Set<ConstraintViolation<Object>> violations;
        try {
            violations = validator.validate(entity, groups);
        } catch (RuntimeException e) {
            out.add(null, null, Validators.VALIDATOR_ERROR, Validators.describeFailure(e), null);
            return;
        }
        for (ConstraintViolation<Object> v : violations) {
            String property = v.getPropertyPath().toString();
            if (unconverted(property)) {
                continue; // its value could not be read: the ConversionError says so, a NotNull on the unset field would not be true
            }
            if (property.isEmpty()) {
                out.add(null, null, Validators.constraintName(v), v.getMessage(), null);
            } else {
                out.add(binder.column(property), property, Validators.constraintName(v), v.getMessage(), v.getInvalidValue());
            }
        }
    }
}

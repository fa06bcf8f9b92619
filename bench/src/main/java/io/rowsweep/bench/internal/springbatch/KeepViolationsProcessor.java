package io.rowsweep.bench.internal.springbatch;

import io.rowsweep.demo.model.Content;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.validator.BeanValidatingItemProcessor;
import org.springframework.batch.infrastructure.item.validator.ValidationException;
import org.springframework.validation.BindException;

/**
 * {@link BeanValidatingItemProcessor} throws on an invalid item (failing the step) or, with
 * {@code filter}, drops it silently; a validation job must report it instead, so this wraps it and
 * passes every item on with its violations.
 */
public final class KeepViolationsProcessor implements ItemProcessor<Content, ValidatedItem> {

    private final BeanValidatingItemProcessor<Content> delegate;

    public KeepViolationsProcessor(BeanValidatingItemProcessor<Content> delegate) {
        this.delegate = delegate;
    }

    @Override
    public ValidatedItem process(Content item) {
        try {
            delegate.process(item);
            return new ValidatedItem(item, 0);
        } catch (ValidationException e) {
            return new ValidatedItem(item, ((BindException) e.getCause()).getErrorCount());
        }
    }
}

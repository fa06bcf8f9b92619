package io.rowsweep.spring;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvoker;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvokerAdvisor;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameter;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Hands the {@code rowsweep} endpoint's write operation the arguments of its request that are not
 * its own parameters, as one map in {@link RowSweepEndpoint#ARGUMENTS} while it runs: a declared
 * job's parameters are the job's, not the operation's, so the actuator would otherwise drop them.
 * The actuator gathers them from the query string, form fields and the JSON body's top-level
 * members; this only passes them on.
 */
final class ArgumentsAdvisor implements OperationInvokerAdvisor {

    @Override
    public OperationInvoker apply(EndpointId endpointId, OperationType operationType, OperationParameters parameters,
                                  OperationInvoker invoker) {
        if (!endpointId.equals(EndpointId.of(RowSweepEndpoint.ID)) || operationType != OperationType.WRITE) {
            return invoker;
        }
        Set<String> own = parameters.stream().map(OperationParameter::getName).collect(Collectors.toSet());
        return context -> {
            Map<String, Object> given = new LinkedHashMap<>();
            context.getArguments().forEach((name, value) -> {
                if (!own.contains(name)) {
                    given.put(name, value);
                }
            });
            RowSweepEndpoint.ARGUMENTS.set(given);
            try {
                return invoker.invoke(context);
            } finally {
                RowSweepEndpoint.ARGUMENTS.remove();
            }
        };
    }
}

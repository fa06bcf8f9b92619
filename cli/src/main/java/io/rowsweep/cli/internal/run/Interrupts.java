package io.rowsweep.cli.internal.run;

import io.rowsweep.cli.internal.console.LiveConsole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into a graceful stop while a job runs: the first asks the run
 * to stop (running chunks finish and commit, no new ones start), the second aborts the running
 * chunks (they roll back), a third ends the process at once. Either way the job's state is saved
 * and re-running the command resumes it. Closing restores the previous handlers when no signal came.
 *
 * <p>Uses {@code sun.misc.Signal} (module jdk.unsupported) through reflection: the JDK has no
 * public API to catch a signal and keep running, and javac's warning about that class cannot be
 * suppressed.
 */
public final class Interrupts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Interrupts.class);
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final Runnable requestStop;
    private final AtomicInteger received = new AtomicInteger();
    private final List<Object[]> previous = new ArrayList<>();

    private Interrupts(Runnable requestStop) {
        this.requestStop = requestStop;
    }

    /**
     * Installs the handlers until {@link #close()}.
     *
     * @param requestStop asks the run to stop; called once per signal (the engine aborts on the second call)
     */
    public static Interrupts install(Runnable requestStop) {
        Interrupts interrupts = new Interrupts(requestStop);
        interrupts.installHandlers();
        return interrupts;
    }

    /** Whether a stop was asked for. */
    public boolean interrupted() {
        return received.get() > 0;
    }

    /** Whether SIGINT and SIGTERM are caught here (not where the JVM reserves them, e.g. with -Xrs). */
    public boolean catchesSignals() {
        return previous.size() == SIGNALS.size();
    }

    /** What a signal does; public so a test or another trigger can do the same. */
    public void signal(String name) {
        int n = received.incrementAndGet();
        if (n == 1) {
            LiveConsole.println("rowsweep: SIG" + name + ": stopping after the running chunks (they finish and commit);"
                    + " press Ctrl-C again to abort them.");
            requestStop.run();
        } else if (n == 2) {
            LiveConsole.println("rowsweep: SIG" + name + " again: aborting the running chunks (they roll back);"
                    + " press Ctrl-C once more to quit at once.");
            requestStop.run();
        } else {
            LiveConsole.println("rowsweep: quitting now; chunks still running will be redone when the job resumes.");
            Runtime.getRuntime().halt(130);
        }
    }

    private void installHandlers() {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            for (String name : SIGNALS) {
                Object signal = signalClass.getConstructor(String.class).newInstance(name);
                Object handler = Proxy.newProxyInstance(Interrupts.class.getClassLoader(), new Class<?>[] {handlerClass},
                        (proxy, method, args) -> {
                            switch (method.getName()) {
                                case "handle":
                                    signal(name);
                                    return null;
                                case "hashCode":
                                    return System.identityHashCode(proxy);
                                case "equals":
                                    return proxy == args[0];
                                default:
                                    return "rowsweep SIG" + name + " handler";
                            }
                        });
                try {
                    previous.add(new Object[] {signal, handle.invoke(null, signal, handler)});
                } catch (InvocationTargetException e) {
                    // the JVM reserves this signal (e.g. run with -Xrs): leave its default behaviour
                    LOG.debug("cannot handle SIG{}: {}", name, e.getCause().toString());
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("signals cannot be handled here ({}); Ctrl-C ends the process, re-running the job resumes it", e.toString());
        }
    }

    /**
     * Restores the previous handlers, unless a stop was asked for: then they stay until the
     * process ends, so a signal that comes while the command prints its closing line or exits is
     * still taken as one more stop request, not as the JVM's default (exit 143, nothing printed).
     */
    @Override
    public void close() {
        if (interrupted()) {
            return;
        }
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Method handle = signalClass.getMethod("handle", signalClass, Class.forName("sun.misc.SignalHandler"));
            for (Object[] p : previous) {
                handle.invoke(null, p[0], p[1]);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("could not restore signal handlers: {}", e.toString());
        }
        previous.clear();
    }
}

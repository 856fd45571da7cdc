package io.gatehouse.runtime.lifecycle;

import io.gatehouse.api.Errors;
import io.gatehouse.runtime.dispatch.CallFailure;
import io.gatehouse.runtime.dispatch.ServiceEntry;
import io.gatehouse.runtime.dispatch.ServiceTable;
import io.gatehouse.runtime.lifecycle.StartupStatus.Failed;
import io.gatehouse.runtime.lifecycle.StartupStatus.Ready;
import io.gatehouse.runtime.lifecycle.StartupStatus.Running;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NamingException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs each service's {@link io.gatehouse.api.Initialize} method and holds calls to the service until it has
 * succeeded. Attempts run on the server's managed scheduled executor, whose threads carry the application's
 * context (class loader, naming, CDI), so that a slow or stuck initialization never holds up the deployment and a
 * call waits for an attempt only a bounded time. A failed attempt is retried in the background after its backoff,
 * or by a call that arrives once the backoff has passed, whichever comes first ({@link Initialization} decides).
 */
@ApplicationScoped
public class ServiceStartup {

    /** The longest delay between two attempts, in seconds. */
    public static final String MAX_BACKOFF_PROPERTY = "gatehouse.startup.max-backoff-seconds";
    /** How long a call waits for an attempt under way before it is answered 503, in seconds. */
    public static final String CALL_WAIT_PROPERTY = "gatehouse.startup.call-wait-seconds";
    private static final long DEFAULT_MAX_BACKOFF = 60;
    private static final long DEFAULT_CALL_WAIT = 10;

    private static final Logger LOG = Logger.getLogger(ServiceStartup.class.getName());

    @Inject
    ServiceTable services;

    @Inject
    BeanManager beanManager;

    @Inject
    Instance<RequestContextController> requestContexts;

    @Inject
    Config config;

    /** Looked up when first needed, not injected: see {@link #scheduler()}. */
    private ScheduledExecutorService executor;

    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    /** Used only where no managed executor could be looked up (see {@link #scheduler()}). */
    private ScheduledExecutorService ownThread;

    /** One service's initialization and what runs it; attempts are started under its lock. */
    private static final class Tracked {
        final ServiceEntry service;
        final StartupMethod method;
        final Initialization initialization = new Initialization(Clock.systemUTC());
        /** Completed when the attempt under way (or the last one) has ended. */
        volatile CompletableFuture<Void> current = CompletableFuture.completedFuture(null);
        volatile Future<?> retry;
        /** The last failure's exception class and message, to log a stack once per distinct failure. */
        volatile String lastFailure;
        volatile String lastIncident;
        /** Set once the initialization has succeeded: the call path's check without a lock. */
        volatile boolean ready;

        Tracked(ServiceEntry service, StartupMethod method) {
            this.service = service;
            this.method = method;
        }
    }

    /**
     * What the readiness check shows of one service.
     *
     * @param status         where its initialization stands
     * @param holdsReadiness whether it keeps the server's readiness DOWN
     * @param text           the status in words
     */
    public record Report(StartupStatus status, boolean holdsReadiness, String text) {
    }

    @PostConstruct
    void track() {
        for (String name : services.serviceNames()) {
            ServiceEntry service = services.service(name).orElseThrow();
            service.startup().ifPresent(method -> tracked.put(name, new Tracked(service, method)));
        }
    }

    /** The application has started: the first attempt of every service initialized at deployment. */
    void applicationStarted(@Observes @Initialized(ApplicationScoped.class) Object event) {
        tracked.values().stream().filter(t -> t.method.atDeployment())
                .forEach(t -> attemptIfDue(t, t.initialization::begin));
    }

    /**
     * The server's default managed scheduled executor, looked up on first use (from the deployment's thread, which
     * has the application's naming context). It is not an injected {@code @Resource}, which fails the whole
     * deployment when it cannot be resolved (on Payara Server 6 it was once left null, on a server short of heap):
     * where the lookup fails, a thread of this service's own that runs with the application's class loader, so that
     * initialization is never skipped.
     */
    private synchronized ScheduledExecutorService scheduler() {
        if (executor == null && ownThread == null) {
            try {
                executor = (ManagedScheduledExecutorService) new InitialContext()
                        .lookup("java:comp/DefaultManagedScheduledExecutorService");
            } catch (NamingException | ClassCastException e) {
                LOG.warning("no managed scheduled executor (" + e + "): service initializations run on a thread"
                        + " of Gatehouse's own");
            }
        }
        if (executor != null) {
            return executor;
        }
        if (ownThread == null) {
            ClassLoader application = ServiceStartup.class.getClassLoader();
            ownThread = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "gatehouse-startup");
                thread.setDaemon(true);
                thread.setContextClassLoader(application);
                return thread;
            });
        }
        return ownThread;
    }

    @PreDestroy
    void stop() {
        stopped = true;
        synchronized (this) {
            if (ownThread != null) {
                ownThread.shutdownNow();
            }
        }
        tracked.values().forEach(t -> {
            Future<?> retry = t.retry;
            if (retry != null) {
                retry.cancel(false);
            }
        });
    }

    /**
     * Lets a call to the service through once its initialization has succeeded; otherwise starts an attempt if one
     * is due, waits a bounded time for the attempt under way, and refuses the call with a 503 saying why.
     *
     * @throws CallFailure 503, {@code EAGAIN}, with {@code Retry-After}, while the service is not ready
     */
    public void admit(ServiceEntry service) {
        Tracked t = tracked.get(service.name());
        if (t == null || t.ready) {
            return;
        }
        Optional<CompletableFuture<Void>> underWay = attemptIfDue(t, t.initialization::begin);
        underWay.ifPresent(attempt -> await(attempt, seconds(CALL_WAIT_PROPERTY, DEFAULT_CALL_WAIT)));
        StartupStatus status = t.initialization.status();
        if (status instanceof Ready) {
            return;
        }
        Instant now = Instant.now();
        throw new CallFailure(503, Errors.EAGAIN, StartupReport.notReady(service.name(), status, now),
                StartupReport.retryAfterSeconds(status, now));
    }

    /** Every service that declares an initialization, by name. */
    public SortedMap<String, Report> report() {
        Instant now = Instant.now();
        SortedMap<String, Report> reports = new TreeMap<>();
        tracked.forEach((name, t) -> {
            StartupStatus status = t.initialization.status();
            reports.put(name, new Report(status, StartupReport.holdsReadiness(status, t.method.atDeployment()),
                    StartupReport.state(status, now)));
        });
        return reports;
    }

    /**
     * Starts an attempt if {@code claim} grants one, on the executor.
     *
     * @return the attempt under way, if one is
     */
    private Optional<CompletableFuture<Void>> attemptIfDue(Tracked t, Supplier<OptionalInt> claim) {
        synchronized (t) {
            if (!stopped) {
                OptionalInt attempt = claim.get();
                if (attempt.isPresent()) {
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    t.current = done;
                    try {
                        scheduler().execute(() -> run(t, attempt.getAsInt(), done));
                    } catch (RejectedExecutionException e) {
                        failed(t, attempt.getAsInt(), e, "the server would not run it now (" + e.getMessage() + ")");
                        done.complete(null);
                    }
                }
            }
            return t.initialization.status() instanceof Running ? Optional.of(t.current) : Optional.empty();
        }
    }

    private void run(Tracked t, int attempt, CompletableFuture<Void> done) {
        long start = System.nanoTime();
        try {
            invoke(t);
            Ready ready = t.initialization.succeeded();
            t.ready = true;
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (attempt == 1) {
                LOG.info(() -> t.service.name() + " is ready: its initialization took " + millis + " ms");
            } else {
                LOG.info(() -> t.service.name() + " has recovered: its initialization succeeded at attempt "
                        + ready.attempts() + " (" + millis + " ms) and the service answers calls again");
            }
        } catch (Throwable e) {
            failed(t, attempt, e, e.getMessage());
        } finally {
            done.complete(null);
        }
    }

    private void invoke(Tracked t) throws Throwable {
        RequestContextController requestContext = requestContexts.get();
        requestContext.activate();
        try {
            Bean<?> bean = t.service.handler();
            Object handler = beanManager.getReference(bean, bean.getBeanClass(),
                    beanManager.createCreationalContext(bean));
            t.method.javaMethod().invoke(handler);
        } catch (InvocationTargetException e) {
            throw e.getCause() == null ? e : e.getCause();
        } finally {
            requestContext.deactivate();
            requestContexts.destroy(requestContext);
        }
    }

    /** Records the failure, logs it (its stack once per distinct failure), and schedules the retry. */
    private void failed(Tracked t, int attempt, Throwable cause, String message) {
        String key = cause.getClass().getName() + ": " + message;
        boolean distinct = !key.equals(t.lastFailure);
        if (distinct) {
            t.lastFailure = key;
            t.lastIncident = UUID.randomUUID().toString().substring(0, 8);
        }
        String reason = message == null || message.isBlank()
                ? "it failed without saying why (incident " + t.lastIncident + " in the server log)"
                : StartupReport.reason(message);
        Failed failed = t.initialization.failed(reason,
                Duration.ofSeconds(seconds(MAX_BACKOFF_PROPERTY, DEFAULT_MAX_BACKOFF)));
        String name = t.service.name();
        String text = "incident " + t.lastIncident + ": " + name + " is not ready, its initialization ("
                + t.method.javaMethod().getName() + ") failed at attempt " + attempt + ": " + reason
                + "; next attempt at " + failed.nextRetry();
        if (distinct) {
            LOG.log(Level.SEVERE, text, cause);
        } else {
            LOG.warning(text + " (the same failure as before; its stack was logged then)");
        }
        scheduleRetry(t, failed);
    }

    private void scheduleRetry(Tracked t, Failed failed) {
        if (stopped) {
            return;
        }
        long delay = Math.max(0, Duration.between(Instant.now(), failed.nextRetry()).toMillis());
        int after = failed.attempts();
        Future<?> previous = t.retry;
        if (previous != null) {
            previous.cancel(false);
        }
        try {
            t.retry = scheduler().schedule(() -> attemptIfDue(t, () -> t.initialization.beginRetryAfter(after)),
                    delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The next call after the backoff retries instead.
            LOG.log(Level.WARNING, t.service.name() + ": the background retry of its initialization could not be"
                    + " scheduled; the next call will retry it", e);
        }
    }

    private static void await(CompletableFuture<Void> attempt, long seconds) {
        try {
            attempt.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Still running, or ended: the status says which.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long seconds(String property, long defaultValue) {
        try {
            return config.getOptionalValue(property, Long.class).filter(v -> v >= 0).orElse(defaultValue);
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> property + " is not a number of seconds; using " + defaultValue);
            return defaultValue;
        }
    }
}

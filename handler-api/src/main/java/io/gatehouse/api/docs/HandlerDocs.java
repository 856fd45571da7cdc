package io.gatehouse.api.docs;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Javadoc of a handler class, of its exported methods and of its message records, as
 * {@link HandlerDocsProcessor} recorded it when the class was compiled. A class compiled without the processor (or
 * without comments) has none: every answer is then empty.
 *
 * <p>The documentation is read once per class, through the class's own class loader (the WAR's or the EAR library
 * jar's that holds it), and kept with the class.
 */
public final class HandlerDocs {

    private static final Logger LOG = Logger.getLogger(HandlerDocs.class.getName());

    private static final ClassValue<HandlerDocs> DOCS = new ClassValue<>() {
        @Override
        protected HandlerDocs computeValue(Class<?> type) {
            return new HandlerDocs(read(type));
        }
    };

    private final Map<String, String> entries;

    private HandlerDocs(Map<String, String> entries) {
        this.entries = entries;
    }

    /**
     * The documentation recorded for this class: pass the bean class itself, not a container's proxy or subclass
     * of it (their names have no documentation).
     */
    public static HandlerDocs of(Class<?> type) {
        return DOCS.get(Objects.requireNonNull(type, "type"));
    }

    /** The class comment's main description. */
    public Optional<String> type() {
        return get(DocKeys.TYPE);
    }

    /**
     * The method's main description. The method is looked up in the class that declares it, which may be a
     * superclass of this one.
     */
    public Optional<String> method(Method method) {
        return declaring(method).get(DocKeys.method(method));
    }

    /** The method's {@code @param} text for the parameter of that name. */
    public Optional<String> parameter(Method method, String parameterName) {
        Objects.requireNonNull(parameterName, "parameterName");
        return declaring(method).get(DocKeys.parameter(DocKeys.method(method), parameterName));
    }

    /** The method's {@code @return} text. */
    public Optional<String> returns(Method method) {
        return declaring(method).get(DocKeys.returns(DocKeys.method(method)));
    }

    /** A record's {@code @param} text for its component of that name. */
    public Optional<String> component(String recordComponentName) {
        return get(DocKeys.component(Objects.requireNonNull(recordComponentName, "recordComponentName")));
    }

    private static HandlerDocs declaring(Method method) {
        return of(Objects.requireNonNull(method, "method").getDeclaringClass());
    }

    private Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    private static Map<String, String> read(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        if (loader == null || type.isArray() || type.isPrimitive()) {
            return Map.of();
        }
        URL resource = loader.getResource(DocKeys.resourceName(type.getName()));
        if (resource == null) {
            return Map.of();
        }
        try {
            URLConnection connection = resource.openConnection();
            // a cached jar would stay open after the application is undeployed
            connection.setUseCaches(false);
            Properties docs = new Properties();
            try (InputStream in = connection.getInputStream()) {
                docs.load(in);
            }
            Map<String, String> entries = new HashMap<>();
            for (String key : docs.stringPropertyNames()) {
                entries.put(key, docs.getProperty(key));
            }
            return Map.copyOf(entries);
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a malformed Unicode escape. Documentation is never worth failing a service for.
            LOG.log(Level.WARNING, "Gatehouse: unreadable documentation of " + type.getName() + " (" + resource
                    + "); it is left out", e);
            return Map.of();
        }
    }
}

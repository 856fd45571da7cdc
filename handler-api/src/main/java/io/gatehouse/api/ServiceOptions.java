package io.gatehouse.api;

import java.util.List;
import java.util.Optional;

/**
 * The service's own configuration, DIRAC's {@code getCSOption}: options below
 * {@code /Systems/<System>/Services/<Component>/}, read from the configuration file and overridable through
 * MicroProfile Config. Inject it into a handler ({@code @Inject ServiceOptions options;}); values are read at
 * each call, so an administrator's change is seen without a redeploy.
 */
public interface ServiceOptions {

    /** The option's value; {@code name} is relative to the service's section, e.g. {@code "Greeting"}. */
    Optional<String> get(String name);

    /** The option's value, or {@code defaultValue} when it is not set. */
    default String get(String name, String defaultValue) {
        return get(name).orElse(defaultValue);
    }

    /** The option as an integer, or {@code defaultValue} when it is not set or not a number. */
    default int getInt(String name, int defaultValue) {
        return get(name).map(String::trim).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                return defaultValue;
            }
        }).orElse(defaultValue);
    }

    /** The option as a DIRAC list (comma-separated, blanks trimmed); empty when it is not set. */
    List<String> getList(String name);

    /** The service's name, {@code System/Component}. */
    String serviceName();
}

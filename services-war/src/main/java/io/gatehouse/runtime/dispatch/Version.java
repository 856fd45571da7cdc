package io.gatehouse.runtime.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The runtime's version, as {@code ping} reports it, from the build. */
public final class Version {

    static final String TEXT = "Gatehouse " + version();

    private Version() {
    }

    /** {@code Gatehouse <version>}. */
    public static String text() {
        return TEXT;
    }

    private static String version() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/io/gatehouse/runtime/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // ping still answers; the version is then unknown
        }
        return properties.getProperty("version", "unknown");
    }
}

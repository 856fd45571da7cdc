package io.gatehouse.runtime.dispatch;

/** The runtime's version, as {@code ping} reports it. */
final class Version {

    static final String TEXT = "Gatehouse " + version();

    private Version() {
    }

    private static String version() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }
}

package io.gatehouse.api;

import java.util.List;
import java.util.Optional;

/**
 * Who is calling: the credentials DIRAC hands a service ({@code getRemoteCredentials()}) and {@code whoami}
 * returns. Inject it into a handler ({@code @Inject Credentials caller;}); it always describes the current call.
 *
 * <p>DNs are in OpenSSL's one-line form, most significant RDN first: {@code /C=ch/O=DIRAC/OU=Users/CN=alice}.
 * A caller without a certificate, or whose DN is not registered, is a visitor: {@link #username()}
 * {@code "anonymous"}, {@link #group()} {@code "visitor"}, no properties.
 */
public interface Credentials {

    /** The subject of the certificate the caller presented (the proxy's, for a proxy); null for no certificate. */
    String subject();

    /** The issuer of that certificate; null for no certificate. */
    String issuer();

    /** Seconds until the presented chain expires; 0 for no certificate. */
    long secondsLeft();

    /** True when the presented certificate is a grid proxy. */
    boolean isProxy();

    /** True when any step of the proxy chain is a limited proxy. */
    boolean isLimitedProxy();

    /** True when the DN is registered (and not suspended). */
    boolean validDN();

    /** True when the caller belongs to {@link #group()} in the registry. */
    boolean validGroup();

    /** The identity's DN: the first non-proxy certificate's subject; null for no certificate. */
    String dn();

    /** The identity's DN when a proxy was presented. */
    Optional<String> identity();

    /** The DIRAC group the call runs in; {@code "visitor"} for visitors. */
    String group();

    /** The group's VO, when the registry gives one. */
    Optional<String> vo();

    /** The registry's name for the user or host; {@code "anonymous"} for visitors. */
    String username();

    /** The properties of the group (for a host, the host's), as the registry spells them. */
    List<String> properties();

    /** True when the caller holds the property, compared without case as DIRAC does. */
    default boolean hasProperty(String property) {
        return properties().stream().anyMatch(p -> p.equalsIgnoreCase(property));
    }

    /** True when the call carries no registered identity. */
    default boolean isVisitor() {
        return !validDN();
    }
}

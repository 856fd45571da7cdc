package io.gatehouse.runtime.identity;

import io.gatehouse.api.Credentials;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The credentials of one call, resolved once from the TLS chain and the registry (PROTOCOL.md §7).
 *
 * @param extraCredentials the {@code extraCredentials} field as sent, when it was sent and not consumed
 */
public record CallerCredentials(String subject, String issuer, long secondsLeft, boolean isProxy,
                                boolean isLimitedProxy, boolean validDN, boolean validGroup, String dn,
                                Optional<String> identity, String group, Optional<String> vo, String username,
                                List<String> properties, Optional<Object> extraCredentials)
        implements Credentials {

    /** DIRAC's name for a caller it does not know. */
    public static final String ANONYMOUS = "anonymous";
    /** DIRAC's group for a caller it does not know. */
    public static final String VISITOR = "visitor";

    public CallerCredentials {
        properties = List.copyOf(properties);
    }

    /** A caller who presented no certificate. */
    public static CallerCredentials noCertificate() {
        return new CallerCredentials(null, null, 0, false, false, false, false, null, Optional.empty(), VISITOR,
                Optional.empty(), ANONYMOUS, List.of(), Optional.empty());
    }

    /**
     * True when the caller asked to act for another user ({@code extraCredentials [DN, group]}) and the request
     * was not honoured: only a trusted host's is, and it is then consumed.
     */
    public boolean attemptsDelegation() {
        return extraCredentials.filter(java.util.List.class::isInstance).isPresent();
    }

    /** These credentials as of a later moment, {@code secondsLeft} from then. */
    public CallerCredentials withSecondsLeft(long seconds) {
        return seconds == secondsLeft ? this : new CallerCredentials(subject, issuer, seconds, isProxy,
                isLimitedProxy, validDN, validGroup, dn, identity, group, vo, username, properties, extraCredentials);
    }

    /** These credentials with the {@code extraCredentials} the caller sent, for {@code whoami}. */
    public CallerCredentials withExtraCredentials(Object sent) {
        return new CallerCredentials(subject, issuer, secondsLeft, isProxy, isLimitedProxy, validDN, validGroup, dn,
                identity, group, vo, username, properties, Optional.ofNullable(sent));
    }

    /** The map {@code whoami} returns, with DIRAC's key names, in DIRAC's order. */
    public Map<String, Object> asDiracMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("subject", subject);
        map.put("issuer", issuer);
        map.put("secondsLeft", secondsLeft);
        map.put("isProxy", isProxy);
        map.put("isLimitedProxy", isLimitedProxy);
        map.put("validDN", validDN);
        map.put("validGroup", validGroup);
        map.put("DN", dn);
        identity.ifPresent(id -> map.put("identity", id));
        map.put("group", group);
        vo.ifPresent(v -> map.put("VO", v));
        map.put("username", username);
        map.put("properties", properties);
        extraCredentials.ifPresent(extra -> map.put("extraCredentials", extra));
        return map;
    }
}

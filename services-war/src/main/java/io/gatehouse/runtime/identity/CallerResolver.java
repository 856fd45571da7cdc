package io.gatehouse.runtime.identity;

import io.gatehouse.runtime.configuration.Registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Turns a presented chain into the caller's credentials with DIRAC's registry rules (PROTOCOL.md §7, §8):
 * a registered, unsuspended user in one of their groups; a registered host when the caller asks for it with
 * {@code extraCredentials "hosts"}; anyone else is a visitor ({@code anonymous}/{@code visitor}).
 */
@ApplicationScoped
public class CallerResolver {

    /** The group DIRAC gives a caller authenticated as a host. */
    public static final String HOSTS = "hosts";
    /** The host property that allows acting for users. */
    public static final String TRUSTED_HOST = "TrustedHost";

    private final Registry registry;
    private final Clock clock;

    @Inject
    public CallerResolver(Registry registry) {
        this(registry, Clock.systemUTC());
    }

    CallerResolver(Registry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Needed by CDI for the client proxy. */
    protected CallerResolver() {
        this.registry = null;
        this.clock = null;
    }

    /** The caller as a user, the common case, resolved by the authentication mechanism. */
    public CallerCredentials asUser(PresentedChain chain) {
        return asUser(chain, chain.identityDN(), chain.diracGroup());
    }

    /**
     * The user a trusted host acts for ({@code extraCredentials [DN, group]}): when the presenting host is
     * registered with {@value #TRUSTED_HOST}, the call runs as that user in that group, checked against the
     * registry like any user; otherwise the caller stays who they are, with the refused delegation recorded in
     * {@code extraCredentials} for the authorization step to deny.
     */
    public CallerCredentials asDelegate(PresentedChain hostChain, String dn, String group, Object sent) {
        CallerCredentials host = asHost(hostChain);
        if (!host.hasProperty(TRUSTED_HOST)) {
            return (host.validDN() ? host : asUser(hostChain)).withExtraCredentials(sent);
        }
        return asUser(hostChain, dn, Optional.of(group));
    }

    private CallerCredentials asUser(PresentedChain chain, String dn, Optional<String> requestedGroup) {
        var user = registry.userByDN(dn);
        if (user.isEmpty()) {
            return unknown(chain, dn);
        }
        Optional<String> group = registry.groupFor(user.get(), requestedGroup);
        var groupEntry = group.flatMap(registry::group);
        Optional<String> vo = groupEntry.flatMap(Registry.Group::vo);
        if (registry.isSuspended(user.get(), vo)) {
            return unknown(chain, dn);
        }
        boolean member = group.isPresent() && user.get().groups().contains(group.get());
        List<String> properties = member ? groupEntry.map(Registry.Group::properties).orElse(List.of()) : List.of();
        return credentials(chain, dn, true, member, group.orElse(requestedGroup.orElse(CallerCredentials.VISITOR)),
                vo, user.get().name(), properties);
    }

    /** The caller as a registered host: DIRAC's reading of {@code extraCredentials "hosts"}. */
    public CallerCredentials asHost(PresentedChain chain) {
        String dn = chain.identityDN();
        return registry.hostByDN(dn)
                .map(host -> credentials(chain, dn, true, true, HOSTS, Optional.empty(), host.name(),
                        host.properties()))
                .orElseGet(() -> unknown(chain, dn));
    }

    private CallerCredentials unknown(PresentedChain chain, String dn) {
        return credentials(chain, dn, false, false, CallerCredentials.VISITOR, Optional.empty(),
                CallerCredentials.ANONYMOUS, List.of());
    }

    private CallerCredentials credentials(PresentedChain chain, String dn, boolean validDN, boolean validGroup,
                                          String group, Optional<String> vo, String username,
                                          List<String> properties) {
        return new CallerCredentials(chain.subject(), chain.issuer(), chain.secondsLeft(clock.instant()),
                chain.isProxy(), chain.isLimitedProxy(), validDN, validGroup, dn,
                chain.isProxy() ? Optional.of(chain.identityDN()) : Optional.empty(), group, vo, username,
                properties, Optional.empty());
    }
}

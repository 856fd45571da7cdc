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
        var user = registry.userByDN(chain.identityDN());
        if (user.isEmpty()) {
            return unknown(chain);
        }
        Optional<String> group = registry.groupFor(user.get(), chain.diracGroup());
        var groupEntry = group.flatMap(registry::group);
        Optional<String> vo = groupEntry.flatMap(Registry.Group::vo);
        if (registry.isSuspended(user.get(), vo)) {
            return unknown(chain);
        }
        boolean member = group.isPresent() && user.get().groups().contains(group.get());
        List<String> properties = member ? groupEntry.map(Registry.Group::properties).orElse(List.of()) : List.of();
        return credentials(chain, true, member, group.orElse(chain.diracGroup().orElse(CallerCredentials.VISITOR)),
                vo, user.get().name(), properties);
    }

    /** The caller as a registered host: DIRAC's reading of {@code extraCredentials "hosts"}. */
    public CallerCredentials asHost(PresentedChain chain) {
        return registry.hostByDN(chain.identityDN())
                .map(host -> credentials(chain, true, true, HOSTS, Optional.empty(), host.name(), host.properties()))
                .orElseGet(() -> unknown(chain));
    }

    private CallerCredentials unknown(PresentedChain chain) {
        return credentials(chain, false, false, CallerCredentials.VISITOR, Optional.empty(),
                CallerCredentials.ANONYMOUS, List.of());
    }

    private CallerCredentials credentials(PresentedChain chain, boolean validDN, boolean validGroup, String group,
                                          Optional<String> vo, String username, List<String> properties) {
        return new CallerCredentials(chain.subject(), chain.issuer(), chain.secondsLeft(clock.instant()),
                chain.isProxy(), chain.isLimitedProxy(), validDN, validGroup, chain.identityDN(),
                chain.isProxy() ? Optional.of(chain.identityDN()) : Optional.empty(), group, vo, username,
                properties, Optional.empty());
    }
}

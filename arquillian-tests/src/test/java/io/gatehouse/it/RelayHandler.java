package io.gatehouse.it;

import io.gatehouse.api.Export;
import io.gatehouse.api.Handler;

import jakarta.inject.Inject;

/** Open methods that call another service's methods: each call reached is checked against its own rule. */
@Handler("Test/Relay")
public class RelayHandler {

    @Inject
    GuardedHandler guarded;

    @Export(auth = "all")
    public String adminsThroughRelay() {
        return "relayed " + guarded.admins();
    }

    @Export(auth = "all")
    public String openThroughRelay() {
        return "relayed " + guarded.open();
    }
}

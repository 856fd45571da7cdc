package io.gatehouse.runtime.identity;

import io.gatehouse.api.Credentials;
import io.gatehouse.runtime.dispatch.CurrentCall;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;

/** Makes the current caller injectable into handlers as {@link Credentials}. */
@ApplicationScoped
public class CredentialsProducer {

    @Produces
    @RequestScoped
    Credentials currentCaller() {
        return CurrentCall.caller();
    }
}

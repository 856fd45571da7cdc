package io.gatehouse.runtime.services;

import io.gatehouse.api.Credentials;
import io.gatehouse.api.Export;
import io.gatehouse.api.Handler;
import io.gatehouse.api.ServiceOptions;

import jakarta.inject.Inject;

/** The example service: a handler in a dozen lines. */
@Handler("Framework/Hello")
public class HelloHandler {

    @Inject
    Credentials caller;

    @Inject
    ServiceOptions options;

    /**
     * Greets the caller by name, or the name given; open to anyone.
     *
     * @param name the name to greet; blank greets the caller by their registry name ("anonymous" for a visitor)
     * @return the greeting, led by the service's option {@code Greeting} ("Hello" unless set)
     */
    @Export(auth = "all")
    public String sayHello(String name) {
        String who = name.isBlank() ? caller.username() : name;
        return options.get("Greeting", "Hello") + ", " + who + "!";
    }
}

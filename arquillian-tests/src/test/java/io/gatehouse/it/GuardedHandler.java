package io.gatehouse.it;

import io.gatehouse.api.Credentials;
import io.gatehouse.api.Export;
import io.gatehouse.api.Handler;

import jakarta.inject.Inject;

/** A test service whose methods carry each kind of rule. */
@Handler("Test/Guarded")
public class GuardedHandler {

    @Inject
    Credentials caller;

    @Export(auth = "all")
    public String open() {
        return "open to " + caller.username();
    }

    @Export(auth = "authenticated")
    public String members() {
        return "hello " + caller.username() + " in " + caller.group();
    }

    @Export(auth = "NormalUser")
    public String normal() {
        return "normal " + caller.username();
    }

    @Export(auth = "serviceadministrator")
    public String admins() {
        return "admin " + caller.username();
    }

    @Export(auth = {"authenticated", "group:dirac_admin"})
    public String adminGroupOnly() {
        return "admin group " + caller.username();
    }

    @Export
    public String configuredOnly() {
        return "configured " + caller.username();
    }

    @Export(auth = "all")
    public String overridden() {
        return "overridden " + caller.username();
    }

    /** Open in code; the administration test gives it a rule in the running server's configuration file. */
    @Export(auth = "all")
    public String editable() {
        return "editable " + caller.username();
    }

    /** Open in code, "authenticated" in the file, and ServiceAdministrator by a system property at start. */
    @Export(auth = "all")
    public String mpOverridden() {
        return "mp " + caller.username();
    }
}

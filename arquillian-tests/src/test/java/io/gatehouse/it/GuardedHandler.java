package io.gatehouse.it;

import io.gatehouse.api.Credentials;
import io.gatehouse.api.Export;
import io.gatehouse.api.Handler;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;

import java.util.LinkedHashMap;
import java.util.Map;

/** A test service whose methods carry each kind of rule. */
@Handler("Test/Guarded")
public class GuardedHandler {

    @Inject
    Credentials caller;

    @Inject
    HttpServletRequest request;

    @Inject
    SecurityContext security;

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

    /** "authenticated" in code; the console administration test changes its rule from the server's console. */
    @Export(auth = "authenticated")
    public String consoleRuled() {
        return "console " + caller.username();
    }

    /** Open in code, "authenticated" in the file, and ServiceAdministrator by a system property at start. */
    @Export(auth = "all")
    public String mpOverridden() {
        return "mp " + caller.username();
    }

    /** Guarded, with parameters: a caller who may not call it must learn nothing of them. */
    @Export(auth = "NormalUser")
    public String countFor(int count, String label) {
        return label + " x" + count;
    }

    /** For administrators only, with a parameter. */
    @Export(auth = "ServiceAdministrator")
    public String adminCount(int count) {
        return "admin count " + count;
    }

    /** The DIRAC rule lets any member in; the container's role check keeps only the dirac_admin group. */
    @Export(auth = "authenticated")
    @RolesAllowed("dirac_admin")
    public String adminRole() {
        return "role holder " + caller.username();
    }

    /** What the container knows of the caller: the principal and the caller's group as a role. */
    @Export(auth = "authenticated")
    public Map<String, Object> containerView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("principal", request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName());
        view.put("requestInGroup", request.isUserInRole(caller.group()));
        view.put("requestInOtherGroup", request.isUserInRole("no_such_group"));
        view.put("securityInGroup", security.isCallerInRole(caller.group()));
        view.put("securityPrincipal", security.getCallerPrincipal() == null ? null
                : security.getCallerPrincipal().getName());
        return view;
    }
}

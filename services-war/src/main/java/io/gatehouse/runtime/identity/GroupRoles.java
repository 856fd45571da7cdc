package io.gatehouse.runtime.identity;

import io.gatehouse.runtime.configuration.Registry;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.util.logging.Logger;

/**
 * Declares the registry's DIRAC groups as the application's security roles, so that the container's role checks
 * ({@code isUserInRole}, {@code SecurityContext.isCallerInRole}, {@code @RolesAllowed}) know them: the caller is
 * logged in with their group, and the server maps a group to the role of the same name, but only for roles the
 * application declares. Declared at deployment: a group added to the registry later is a role after a redeploy
 * (DIRAC's own rules, {@code group:} tokens included, follow the registry at once).
 */
@WebListener
public class GroupRoles implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(GroupRoles.class.getName());

    @Inject
    Registry registry;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        String[] groups = registry.groupNames().toArray(String[]::new);
        if (groups.length > 0) {
            event.getServletContext().declareRoles(groups);
        }
        LOG.info(() -> "Gatehouse roles (the registry's groups): " + String.join(", ", groups));
    }
}

package io.gatehouse.bench.authenticated;

import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Registers {@link FixedCallerModule} for the authenticated baseline when it starts. Not annotated: only that WAR's
 * web.xml names it, so the plain baseline, built from the same classes, stays without authentication.
 */
public class ModuleInstaller implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        AuthConfigFactory.getFactory().registerServerAuthModule(new FixedCallerModule(), event.getServletContext());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        AuthConfigFactory.getFactory().removeServerAuthModule(event.getServletContext());
    }
}

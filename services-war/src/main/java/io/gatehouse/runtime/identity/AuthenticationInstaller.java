package io.gatehouse.runtime.identity;

import jakarta.inject.Inject;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Registers {@link CertificateAuthModule} with the container for this application when it starts (Jakarta
 * Authentication's {@code registerServerAuthModule}), and removes it when it stops.
 */
@WebListener
public class AuthenticationInstaller implements ServletContextListener {

    @Inject
    IdentityCache identities;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        AuthConfigFactory.getFactory().registerServerAuthModule(new CertificateAuthModule(identities),
                event.getServletContext());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        AuthConfigFactory.getFactory().removeServerAuthModule(event.getServletContext());
    }
}

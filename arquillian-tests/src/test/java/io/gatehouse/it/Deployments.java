package io.gatehouse.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/** The archive under test: the real services WAR from the build, plus the test services. */
final class Deployments {

    private Deployments() {
    }

    static WebArchive servicesWar() {
        File war = new File(System.getProperty("gatehouse.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("build services-war first: " + war + " is missing");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war)
                .addClasses(TypesHandler.class, TypesHandler.Point.class, GuardedHandler.class, RelayHandler.class,
                        ProbeHandler.class);
    }
}

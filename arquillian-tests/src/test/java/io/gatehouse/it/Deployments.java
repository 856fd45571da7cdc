package io.gatehouse.it;

import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * The archive under test, as the server under test takes it: on Payara Micro the real services WAR with the test
 * services added to it; on a full server (WildFly, Payara Server) the real services EAR, unchanged, with the test
 * services as one more library in its {@code lib/}, where a site puts its handler modules.
 */
final class Deployments {

    // A handler module is a bean archive: its handlers carry a bean-defining scope.
    private static final String ANNOTATED_BEANS = "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
            + " bean-discovery-mode=\"annotated\"/>";

    private Deployments() {
    }

    static Archive<?> servicesArchive() {
        return TargetServer.current().takesEars() ? servicesEar() : servicesWar();
    }

    static WebArchive servicesWar() {
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, built("gatehouse.war"))
                .addClasses(testServices());
        testServiceDocs().forEach(war::addAsResource);
        return war;
    }

    static EnterpriseArchive servicesEar() {
        JavaArchive handlers = ShrinkWrap.create(JavaArchive.class, "gatehouse-test-handlers.jar")
                .addClasses(testServices())
                .addAsManifestResource(new StringAsset(ANNOTATED_BEANS), "beans.xml");
        testServiceDocs().forEach(handlers::addAsResource);
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, built("gatehouse.ear"))
                .addAsLibrary(handlers);
    }

    private static Class<?>[] testServices() {
        return new Class<?>[] {TypesHandler.class, TypesHandler.Point.class, GuardedHandler.class,
                RelayHandler.class, ProbeHandler.class, BoardHandler.class, BoardHandler.Post.class,
                BoardHandler.Announce.class, BoardHandler.Posted.class, BoardHandler.Event.class,
                TransfersHandler.class, StartupHandler.class, StartupHandler.Note.class};
    }

    /**
     * The test services' Javadoc, recorded beside their classes when they were compiled (handler-api's
     * HandlerDocsProcessor), for their service descriptions; a class without any has no resource.
     */
    private static List<String> testServiceDocs() {
        List<String> resources = new ArrayList<>();
        for (Class<?> type : testServices()) {
            String resource = "META-INF/gatehouse/docs/" + type.getName() + ".properties";
            if (Deployments.class.getClassLoader().getResource(resource) != null) {
                resources.add(resource);
            }
        }
        return resources;
    }

    private static File built(String property) {
        File archive = new File(System.getProperty(property, ""));
        if (!archive.isFile()) {
            throw new IllegalStateException("build the archives first: " + property + " = " + archive + " is missing");
        }
        return archive;
    }
}

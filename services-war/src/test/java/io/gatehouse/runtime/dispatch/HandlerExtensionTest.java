package io.gatehouse.runtime.dispatch;

import io.gatehouse.api.Export;
import io.gatehouse.api.Handler;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.DeploymentException;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handler extension in a real CDI container (Weld SE): a good deployment publishes the service table, and
 * each declaration mistake fails the deployment with a message naming the class and the method.
 */
class HandlerExtensionTest {

    @Handler("Test/Good")
    public static class GoodHandler {
        @Export(auth = "authenticated")
        public String greet(String name, List<Integer> numbers) {
            return name;
        }

        @Export(name = "renamed")
        public int other() {
            return 1;
        }

        public void notExported() {
        }
    }

    @Handler("Test/Twice")
    public static class FirstTwin {
    }

    @Handler("Test/Twice")
    public static class SecondTwin {
    }

    @Handler("Test/Unbindable")
    public static class UnbindableHandler {
        @Export
        public void read(Runnable task) {
        }
    }

    @Handler("Test/TwoStreams")
    public static class TwoStreamsHandler {
        @Export
        public void read(InputStream first, InputStream second) {
        }
    }

    @Handler("Test/Overloaded")
    public static class OverloadedHandler {
        @Export
        public void act(String a) {
        }

        @Export
        public void act(String a, String b) {
        }
    }

    @Handler("not a service name")
    public static class BadName {
    }

    @Handler("Test/Dependent")
    @Dependent
    public static class DependentHandler {
    }

    private static WeldContainer boot(Class<?>... beans) {
        return new Weld().disableDiscovery().addExtension(new HandlerExtension()).addBeanClasses(beans).initialize();
    }

    @Test
    void aGoodDeploymentPublishesTheTable() {
        try (WeldContainer container = boot(GoodHandler.class)) {
            ServiceTable table = container.select(ServiceTable.class).get();
            ServiceEntry service = table.service("Test/Good").orElseThrow();
            assertEquals(java.util.Set.of("greet", "renamed"), service.methods().keySet());
            assertEquals(List.of("authenticated"), service.method("greet").orElseThrow().declaredRule());
            assertEquals(List.of(), service.method("renamed").orElseThrow().declaredRule());
            assertTrue(table.service("Test/Other").isEmpty());
        }
    }

    @Test
    void twoHandlersForOneServiceFailTheDeployment() {
        assertDeploymentFails("two handlers for service Test/Twice", FirstTwin.class, SecondTwin.class);
    }

    @Test
    void anUnbindableParameterFailsTheDeployment() {
        assertDeploymentFails("UnbindableHandler.read: parameter 1 (java.lang.Runnable) cannot be bound",
                UnbindableHandler.class);
    }

    @Test
    void aMethodReadsOneStreamedBodyAtMost() {
        assertDeploymentFails("TwoStreamsHandler.read: two InputStream parameters", TwoStreamsHandler.class);
    }

    @Test
    void twoExportedMethodsWithOneNameFailTheDeployment() {
        assertDeploymentFails("OverloadedHandler.act: a second exported method named \"act\"",
                OverloadedHandler.class);
    }

    @Test
    void aMalformedServiceNameFailsTheDeployment() {
        assertDeploymentFails("BadName: @Handler(\"not a service name\") is not a service name", BadName.class);
    }

    @Test
    void aDependentHandlerFailsTheDeployment() {
        assertDeploymentFails("DependentHandler: a handler must have a normal scope", DependentHandler.class);
    }

    private static void assertDeploymentFails(String expected, Class<?>... beans) {
        Exception failure = assertThrows(Exception.class, () -> boot(beans).close());
        String messages = messages(failure);
        assertTrue(failure instanceof DeploymentException || messages.contains("DeploymentException"), messages);
        assertTrue(messages.contains(expected), messages);
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}

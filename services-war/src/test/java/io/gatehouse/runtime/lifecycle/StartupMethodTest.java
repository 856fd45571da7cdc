package io.gatehouse.runtime.lifecycle;

import io.gatehouse.api.Export;
import io.gatehouse.api.Handler;
import io.gatehouse.api.Initialize;
import io.gatehouse.runtime.dispatch.HandlerExtension;
import io.gatehouse.runtime.dispatch.ServiceTable;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading a handler's {@link Initialize} method, and a wrong one failing the deployment. */
class StartupMethodTest {

    public static class AtDeployment {
        @Initialize
        public String open() {
            return "ignored";
        }
    }

    public static class OnFirstCall {
        @Initialize(when = Initialize.When.FIRST_CALL)
        public void open() {
        }
    }

    public static class Inheriting extends AtDeployment {
        @Override
        @Initialize
        public String open() {
            return "overridden, still one initialization";
        }
    }

    public static class StaticOne {
        @Initialize
        public static void open() {
        }
    }

    public static class WithParameters {
        @Initialize
        public void open(String where) {
        }
    }

    public static class PrivateOne {
        @Initialize
        private void open() {
        }
    }

    public static class FinalOne {
        @Initialize
        public final void open() {
        }
    }

    public static class TwoOfThem {
        @Initialize
        public void first() {
        }

        @Initialize
        public void second() {
        }
    }

    public static class SecondInSubclass extends OnFirstCall {
        @Initialize
        public void more() {
        }
    }

    public static class Exported {
        @Initialize
        @Export
        public void open() {
        }
    }

    @Test
    void aWellDeclaredMethodIsReadWithItsMoment() throws Exception {
        List<String> problems = new ArrayList<>();
        StartupMethod deployment = StartupMethod.read(AtDeployment.class, problems::add).orElseThrow();
        assertEquals(AtDeployment.class.getMethod("open"), deployment.javaMethod());
        assertTrue(deployment.atDeployment());
        StartupMethod firstCall = StartupMethod.read(OnFirstCall.class, problems::add).orElseThrow();
        assertEquals(Initialize.When.FIRST_CALL, firstCall.when());
        StartupMethod inherited = StartupMethod.read(Inheriting.class, problems::add).orElseThrow();
        assertEquals(Inheriting.class, inherited.javaMethod().getDeclaringClass());
        assertEquals(List.of(), problems);
        assertEquals(Optional.empty(), StartupMethod.read(String.class, problems::add));
        assertEquals(List.of(), problems);
    }

    @Test
    void everyWrongDeclarationIsReportedWithClassAndMethod() {
        assertProblem(StaticOne.class, StaticOne.class.getName() + ".open: an @Initialize method must be public,"
                + " not static");
        assertProblem(PrivateOne.class, PrivateOne.class.getName() + ".open: an @Initialize method must be public");
        assertProblem(FinalOne.class, FinalOne.class.getName() + ".open: an @Initialize method must be public");
        assertProblem(WithParameters.class, WithParameters.class.getName() + ".open: an @Initialize method takes"
                + " no parameters (it has 1)");
        assertProblem(TwoOfThem.class, "a second @Initialize method");
        assertProblem(SecondInSubclass.class, SecondInSubclass.class.getName() + ".open (declared in "
                + OnFirstCall.class.getName() + "): a second @Initialize method (the first is more)");
        assertProblem(Exported.class, Exported.class.getName() + ".open: an @Initialize method is not exported");
    }

    private static void assertProblem(Class<?> handler, String expected) {
        List<String> problems = new ArrayList<>();
        Optional<StartupMethod> read = StartupMethod.read(handler, problems::add);
        assertEquals(Optional.empty(), read, handler.getName());
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(expected), problems.get(0));
    }

    @Handler("Test/BadStartup")
    public static class BadStartupHandler {
        @Initialize
        public void open(int attempts) {
        }
    }

    @Handler("Test/GoodStartup")
    public static class GoodStartupHandler {
        @Initialize(when = Initialize.When.FIRST_CALL)
        public void open() {
        }
    }

    @Test
    void theServiceTableCarriesTheMethodAndAWrongOneFailsTheDeployment() {
        try (WeldContainer container = new Weld().disableDiscovery().addExtension(new HandlerExtension())
                .addBeanClasses(GoodStartupHandler.class).initialize()) {
            StartupMethod method = container.select(ServiceTable.class).get().service("Test/GoodStartup")
                    .orElseThrow().startup().orElseThrow();
            assertEquals("open", method.javaMethod().getName());
            assertEquals(Initialize.When.FIRST_CALL, method.when());
        }
        Exception failure = assertThrows(Exception.class, () -> new Weld().disableDiscovery()
                .addExtension(new HandlerExtension()).addBeanClasses(BadStartupHandler.class).initialize().close());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t).append('\n');
        }
        assertTrue(messages.toString().contains("DeploymentException"), messages.toString());
        assertTrue(messages.toString().contains(BadStartupHandler.class.getName() + ".open: an @Initialize method"
                + " takes no parameters"), messages.toString());
    }
}

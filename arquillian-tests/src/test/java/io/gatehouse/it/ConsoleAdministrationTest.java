package io.gatehouse.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A full server's administrator changes a method's rule from the server's own command line (jboss-cli on WildFly,
 * asadmin on Payara Server: the same operations their web consoles make), and the next calls follow it, with no
 * redeploy and no restart. Runs on the full servers only (Payara Micro has no console; its administration is the
 * file, {@link AdministrationTest}).
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleAdministrationTest {

    private static final String GUARDED = "Test/Guarded";
    private static final String RULE = "/Systems/Test/Services/Guarded/Authorization/consoleRuled";

    private final Caller alice = Caller.user("alice");
    private final Caller bob = Caller.user("bob");
    private final ServerConsole console = ServerConsole.of(TargetServer.current());

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.servicesArchive();
    }

    @Test
    void aRuleChangedFromTheConsoleAppliesToTheNextCalls() throws Exception {
        assertEquals("\"console alice\"", alice.call(GUARDED, "consoleRuled", "[]").value().toString());
        try {
            console.setOption(RULE, "ServiceAdministrator");
            Duration flipped = Eventually.waitFor(() -> alice.call(GUARDED, "consoleRuled", "[]").status() == 403);
            System.out.println("ConsoleAdministrationTest: the rule set from the console applied "
                    + flipped.toMillis() + " ms later");
            Reply refused = alice.call(GUARDED, "consoleRuled", "[]");
            // Rules name properties case-insensitively; the refusal names them in lower case.
            assertTrue(refused.message().contains("serviceadministrator"), refused.toString());
            assertEquals("\"console bob\"", bob.call(GUARDED, "consoleRuled", "[]").value().toString());
        } finally {
            console.removeOption(RULE);
        }
        Eventually.waitFor(() -> alice.call(GUARDED, "consoleRuled", "[]").status() == 200);
        assertEquals("\"console alice\"", alice.call(GUARDED, "consoleRuled", "[]").value().toString());
    }
}

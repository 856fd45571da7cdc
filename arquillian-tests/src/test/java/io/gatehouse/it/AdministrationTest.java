package io.gatehouse.it;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An administrator at work on a running server: a rule edited in the configuration file applies to the next
 * calls without a redeploy, a MicroProfile Config property given at start wins over the file, and a trusted host
 * acts for a user while nobody else may.
 */
@ExtendWith(ArquillianExtension.class)
class AdministrationTest {

    private static final String GUARDED = "Test/Guarded";
    private static final String HELLO = "Framework/Hello";

    private final Caller alice = Caller.user("alice");
    private final Caller bob = Caller.user("bob");

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.servicesArchive();
    }

    @Test
    void aRuleEditedInTheFileAppliesToTheNextCallsWithoutARedeploy() throws Exception {
        String original = Files.readString(Eventually.CONFIG);
        assertEquals(200, alice.call(GUARDED, "editable", "[]").status());
        assertEquals("\"Salut, x!\"", alice.call(HELLO, "sayHello", "[\"x\"]").value().toString());
        try {
            Eventually.rewriteConfig(original
                    .replace("configuredOnly = ServiceAdministrator",
                            "configuredOnly = ServiceAdministrator\n          editable = ServiceAdministrator")
                    .replace("Greeting = Salut", "Greeting = Bonjour"));
            Duration flipped = Eventually.waitFor(() -> alice.call(GUARDED, "editable", "[]").status() == 403);
            System.out.println("AdministrationTest: the edited rule applied " + flipped.toMillis()
                    + " ms after the file was written");
            assertEquals(200, bob.call(GUARDED, "editable", "[]").status());
            assertEquals("\"Bonjour, x!\"", alice.call(HELLO, "sayHello", "[\"x\"]").value().toString());
        } finally {
            Eventually.rewriteConfig(original);
        }
        Eventually.waitFor(() -> alice.call(GUARDED, "editable", "[]").status() == 200);
        assertEquals("\"Salut, x!\"", alice.call(HELLO, "sayHello", "[\"x\"]").value().toString());
    }

    @Test
    void aBrokenEditKeepsTheLastGoodConfiguration() throws Exception {
        String original = Files.readString(Eventually.CONFIG);
        try {
            Eventually.rewriteConfig(original + "\nThis line is { not DIRAC's format\n");
            Thread.sleep(5000);
            assertEquals(403, alice.call(GUARDED, "configuredOnly", "[]").status());
            assertEquals(200, bob.call(GUARDED, "configuredOnly", "[]").status());
            assertEquals("alice", whoami(alice).getString("username"));
        } finally {
            Eventually.rewriteConfig(original);
        }
    }

    @Test
    void aMicroProfileConfigPropertyWinsOverTheFile() {
        // Code: all; file: authenticated; -D/Systems/Test/Services/Guarded/Authorization/mpOverridden: ServiceAdministrator.
        assertEquals(403, alice.call(GUARDED, "mpOverridden", "[]").status());
        assertEquals("\"mp bob\"", bob.call(GUARDED, "mpOverridden", "[]").value().toString());
        assertEquals(401, Caller.visitor().call(GUARDED, "mpOverridden", "[]").status());
    }

    @Test
    void aTrustedHostActsForAUser() {
        JsonObject me = Caller.host().post("/" + HELLO, "method", "whoami", "extraCredentials",
                "[\"/C=ch/O=Gatehouse/OU=Users/CN=alice\", \"dirac_user\"]").value().asJsonObject();
        assertEquals("/C=ch/O=Gatehouse/OU=Users/CN=alice", me.getString("DN"));
        assertEquals("alice", me.getString("username"));
        assertEquals("dirac_user", me.getString("group"));
        assertEquals("/C=ch/O=Gatehouse/OU=Hosts/CN=localhost", me.getString("subject"));
        assertTrue(me.getBoolean("validGroup"));
        assertEquals(403, Caller.host().post("/" + GUARDED, "method", "admins", "extraCredentials",
                "[\"/C=ch/O=Gatehouse/OU=Users/CN=alice\", \"dirac_user\"]").status());
        assertEquals(200, Caller.host().post("/" + GUARDED, "method", "admins", "extraCredentials",
                "[\"/C=ch/O=Gatehouse/OU=Users/CN=bob\", \"dirac_admin\"]").status());
    }

    @Test
    void nobodyElseMayActForAUser() {
        Reply fromUser = alice.post("/" + GUARDED, "method", "open", "extraCredentials",
                "[\"/C=ch/O=Gatehouse/OU=Users/CN=bob\", \"dirac_admin\"]");
        assertEquals(403, fromUser.status(), fromUser.toString());
        assertTrue(fromUser.message().contains("TrustedHost"), fromUser.message());
        Reply fromVisitor = Caller.visitor().post("/" + GUARDED, "method", "open", "extraCredentials",
                "[\"/C=ch/O=Gatehouse/OU=Users/CN=bob\", \"dirac_admin\"]");
        assertEquals(401, fromVisitor.status(), fromVisitor.toString());
    }

    private static JsonObject whoami(Caller caller) {
        return caller.call(HELLO, "whoami", "[]").value().asJsonObject();
    }
}

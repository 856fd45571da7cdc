package io.gatehouse.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code gatehouse describe}, the real command line ({@code java -jar gatehouse.jar}), against the deployed services
 * over mutual TLS: Framework/Hello's methods with their signatures and rules, the same description as JSON, the
 * server's list of services, an unknown service's 404, and a visitor's view.
 */
@ExtendWith(ArquillianExtension.class)
class DescribeCliTest {

    private static final String ROOT = "https://localhost:" + Caller.PORT + "/";
    private static final String HELLO = ROOT + "Framework/Hello";
    private static final String CA_DIR = Caller.PKI.resolve("certificates").toString();
    private static final String PROXY = Caller.PKI.resolve("users/alice/proxy.pem").toString();

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.servicesArchive();
    }

    private static ClientTest.Cli describe(String... arguments) throws Exception {
        String[] all = new String[arguments.length + 3];
        all[0] = "describe";
        all[1] = "--ca-dir";
        all[2] = CA_DIR;
        System.arraycopy(arguments, 0, all, 3, arguments.length);
        return ClientTest.cli(all);
    }

    private static JsonObject json(ClientTest.Cli run) {
        try (JsonReader reader = Json.createReader(new StringReader(run.out()))) {
            return reader.readObject();
        }
    }

    @Test
    void hellosMethodsAreDescribedAsTextAndAsJson() throws Exception {
        ClientTest.Cli json = describe("--json", "--proxy", PROXY, HELLO);
        assertEquals(0, json.exitCode(), json.toString());
        JsonObject description = json(json);
        assertEquals("Framework/Hello", description.getString("name"));
        assertTrue(description.getBoolean("complete"), json.toString());
        List<String> names = description.getJsonArray("methods").getValuesAs(JsonObject.class).stream()
                .map(method -> method.getString("name")).toList();
        assertTrue(names.contains("ping"), names.toString());
        assertTrue(names.contains("sayHello"), names.toString());
        JsonObject sayHello = description.getJsonArray("methods").getValuesAs(JsonObject.class).stream()
                .filter(method -> method.getString("name").equals("sayHello")).findFirst().orElseThrow();
        assertEquals("sayHello(name: string) -> string", sayHello.getString("signature"));
        assertEquals("code", sayHello.getString("authSource"), json.toString());

        ClientTest.Cli text = describe("--proxy", PROXY, HELLO);
        assertEquals(0, text.exitCode(), text.toString());
        assertEquals("", text.err(), text.toString());
        List<String> lines = Arrays.asList(text.out().split("\\R"));
        assertEquals("Framework/Hello", lines.get(0), text.toString());
        int signature = lines.indexOf("  sayHello(name: string) -> string");
        assertTrue(signature > 0, text.toString());
        List<String> tokens = sayHello.getJsonArray("auth").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
        String rule = tokens.isEmpty() ? "anyone" : String.join(" or ", tokens);
        assertEquals("      auth: " + rule + " (code)", lines.get(signature + 1), text.toString());
        String doc = sayHello.get("doc") instanceof JsonString given ? given.getString() : null;
        if (doc != null) {
            assertTrue(lines.get(signature + 2).startsWith("      " + doc.strip().split("\\s+")[0]), text.toString());
        }
        assertTrue(lines.contains("Built-in methods (every service has them):"), text.toString());
        assertFalse(text.out().contains("Note:"), text.toString());
    }

    @Test
    void theServersRootListsItsServices() throws Exception {
        ClientTest.Cli text = describe("--proxy", PROXY, ROOT);
        assertEquals(0, text.exitCode(), text.toString());
        assertTrue(text.out().lines().anyMatch(line -> line.startsWith("  Framework/Hello")), text.toString());
        assertTrue(text.out().lines().anyMatch(line -> line.startsWith("  Test/Types")), text.toString());

        ClientTest.Cli json = describe("--json", "--proxy", PROXY, ROOT);
        assertEquals(0, json.exitCode(), json.toString());
        assertTrue(json(json).getJsonArray("services").getValuesAs(JsonObject.class).stream()
                .anyMatch(service -> service.getString("name").equals("Framework/Hello")), json.toString());
    }

    @Test
    void anUnknownServiceIsRefusedWithTheServersMessage() throws Exception {
        ClientTest.Cli run = describe("--proxy", PROXY, ROOT + "No/Such");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("", run.out(), run.toString());
        assertTrue(run.err().contains("(HTTP 404)"), run.toString());
        assertTrue(run.err().contains("No/Such"), run.toString());
    }

    @Test
    void aVisitorSeesWhatItMayCall() throws Exception {
        ClientTest.Cli json = describe("--json", "--no-cert", HELLO);
        assertEquals(0, json.exitCode(), json.toString());
        JsonObject description = json(json);
        for (JsonValue method : description.getJsonArray("methods")) {
            assertTrue(method.asJsonObject().getBoolean("callable"), json.toString());
        }
        ClientTest.Cli text = describe("--no-cert", HELLO);
        assertEquals(0, text.exitCode(), text.toString());
        assertEquals(!description.getBoolean("complete"), text.out().contains("\nNote: this list leaves out the"
                + " methods you may not call (you called without a certificate"), text.toString());
    }
}

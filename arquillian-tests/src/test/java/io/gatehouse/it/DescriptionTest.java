package io.gatehouse.it;

import io.gatehouse.api.Export;
import io.gatehouse.api.Handler;
import io.gatehouse.api.Result;
import io.gatehouse.api.files.Download;
import io.gatehouse.api.wire.JsonSchemas;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Self-description on the server under test: {@code GET /<System>/<Component>}, {@code GET /} and the
 * {@code system.*} built-ins describe each service exactly as its code declares it (compared with the test handlers'
 * own declarations, read here by reflection), with the rule in force after the administrator's overrides, and
 * show a visitor only what it may call.
 */
@ExtendWith(ArquillianExtension.class)
class DescriptionTest {

    private static final Class<?>[] HANDLERS = {TypesHandler.class, GuardedHandler.class, RelayHandler.class,
            ProbeHandler.class, BoardHandler.class, TransfersHandler.class, StartupHandler.class};
    private static final Set<String> BUILTINS = Set.of("ping", "echo", "whoami", "transferChecksum",
            "system.listMethods", "system.methodSignature", "system.methodHelp", "system.describe");

    private final Caller alice = Caller.user("alice");
    private final Caller bob = Caller.user("bob");

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.servicesArchive();
    }

    private static JsonObject describe(Caller caller, String service) {
        Reply reply = caller.get("/" + service, "application/json");
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.header("Content-Type").startsWith("application/json"), reply.toString());
        return reply.value().asJsonObject();
    }

    private static Map<String, JsonObject> methods(JsonObject description) {
        Map<String, JsonObject> methods = new LinkedHashMap<>();
        description.getJsonArray("methods").forEach(m -> methods.put(m.asJsonObject().getString("name"),
                m.asJsonObject()));
        return methods;
    }

    @Test
    void everyTestHandlerIsDescribedAsItsCodeDeclaresIt() {
        for (Class<?> handler : HANDLERS) {
            String service = handler.getAnnotation(Handler.class).value();
            JsonObject description = describe(bob, service);
            assertEquals(service, description.getString("name"));
            Map<String, JsonObject> described = methods(description);
            Map<String, Method> declared = new TreeMap<>();
            for (Method method : handler.getMethods()) {
                Export export = method.getAnnotation(Export.class);
                if (export != null) {
                    declared.put(export.name().isEmpty() ? method.getName() : export.name(), method);
                }
            }
            List<String> own = described.values().stream().filter(m -> !m.getBoolean("builtin"))
                    .map(m -> m.getString("name")).toList();
            assertEquals(new ArrayList<>(declared.keySet()), own, service + ": its own methods, sorted");
            Set<String> builtins = described.values().stream().filter(m -> m.getBoolean("builtin"))
                    .map(m -> m.getString("name")).collect(Collectors.toSet());
            Set<String> expectedBuiltins = new java.util.HashSet<>(BUILTINS);
            expectedBuiltins.removeAll(declared.keySet());
            assertEquals(expectedBuiltins, builtins, service + ": the built-ins it does not shadow");
            declared.forEach((name, method) -> assertMatches(service, name, method, described.get(name)));
        }
    }

    /** One method's parameters, optionality, return type and signature against its Java declaration. */
    private static void assertMatches(String service, String name, Method method, JsonObject described) {
        String where = service + "." + name;
        List<Parameter> parameters = Arrays.stream(method.getParameters())
                .filter(p -> p.getType() != InputStream.class).toList();
        JsonArray shown = described.getJsonArray("parameters");
        assertEquals(parameters.size(), shown.size(), where + ": " + described);
        StringBuilder signature = new StringBuilder(name).append('(');
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            JsonObject p = shown.getJsonObject(i);
            assertTrue(parameter.isNamePresent(), "the test handlers are compiled with -parameters");
            assertEquals(parameter.getName(), p.getString("name"), where);
            assertEquals(JsonSchemas.typeName(parameter.getParameterizedType()), p.getString("type"), where);
            assertEquals(parameter.getType() == Optional.class, p.getBoolean("optional"), where);
            assertTrue(p.get("schema") instanceof JsonObject, where);
            signature.append(i == 0 ? "" : ", ").append(parameter.getName())
                    .append(p.getBoolean("optional") ? "?" : "").append(": ").append(p.getString("type"));
        }
        String returns = returnTypeName(method.getGenericReturnType());
        assertEquals(returns, described.getJsonObject("returns").getString("type"), where);
        assertEquals(signature.append(") -> ").append(returns).toString(), described.getString("signature"));
        boolean streamed = method.getParameterTypes().length != parameters.size();
        assertEquals(streamed ? "upload" : returns.equals("file") ? "download" : "none",
                described.getString("transfer"), where);
        List<String> codeRule = Arrays.asList(method.getAnnotation(Export.class).auth());
        if (described.getString("authSource").equals("code")) {
            assertEquals(codeRule, strings(described.getJsonArray("auth")), where);
        }
    }

    private static String returnTypeName(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == Result.class) {
            return returnTypeName(p.getActualTypeArguments()[0]);
        }
        if (type == void.class || type == Void.class) {
            return "null";
        }
        return type == Download.class ? "file" : JsonSchemas.typeName(type);
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    @Test
    void signaturesReadAsTheJavaDeclarations() {
        Map<String, JsonObject> types = methods(describe(alice, "Test/Types"));
        assertEquals("join(separator: string, parts: list<string>) -> string",
                types.get("join").getString("signature"));
        assertEquals("mirror(point: Point) -> Point", types.get("mirror").getString("signature"));
        assertEquals("nextDay(day: date) -> date", types.get("nextDay").getString("signature"));
        assertEquals("numbered(items: list<string>) -> map<integer,string>",
                types.get("numbered").getString("signature"));
        assertEquals("declined() -> string", types.get("declined").getString("signature"));
        JsonObject point = types.get("mirror").getJsonArray("parameters").getJsonObject(0).getJsonObject("schema");
        assertEquals(Set.of("x", "y", "label"), point.getJsonObject("properties").keySet());
        assertEquals("integer", point.getJsonObject("properties").getJsonObject("x").getString("type"));
        // The documentation given in @Export(doc=...).
        assertEquals("The parts, with the separator between them.", types.get("join").getString("doc"));
        assertEquals(JsonValue.NULL, types.get("increment").get("doc"));
        // Else the Javadoc, recorded when the handler was compiled: the method's, its parameters', its value's.
        JsonObject repeat = types.get("repeat");
        assertEquals("The text times times over.", repeat.getString("doc"));
        assertEquals("how many times", repeat.getJsonArray("parameters").getJsonObject(1).getString("doc"));
        assertEquals("the repeated text", repeat.getJsonObject("returns").getString("doc"));
        assertEquals("A test service exercising argument binding, results and failures.",
                describe(alice, "Test/Types").getString("doc"));

        Map<String, JsonObject> hello = methods(describe(alice, "Framework/Hello"));
        assertEquals("sayHello(name: string) -> string", hello.get("sayHello").getString("signature"));
        assertEquals("Greets the caller by name, or the name given; open to anyone.",
                hello.get("sayHello").getString("doc"));
        assertEquals("The example service: a handler in a dozen lines.", describe(alice, "Framework/Hello")
                .getString("doc"));
        assertEquals(List.of("all"), strings(hello.get("sayHello").getJsonArray("auth")));
        assertFalse(hello.get("ping").getString("doc").isBlank());

        Map<String, JsonObject> files = methods(describe(alice, "Framework/Files"));
        assertEquals("download", files.get("streamToClient").getString("transfer"));
        assertEquals("streamToClient(path: string, offset?: integer) -> file",
                files.get("streamToClient").getString("signature"));
        assertEquals("upload", files.get("streamFromClient").getString("transfer"));
    }

    @Test
    void rulesAreTheOnesInForceAndCallableIsPerCaller() {
        Map<String, JsonObject> forAlice = methods(describe(alice, "Test/Guarded"));
        Map<String, JsonObject> forBob = methods(describe(bob, "Test/Guarded"));
        // The administrator's line wins over the code's "all".
        assertEquals(List.of("authenticated"), strings(forAlice.get("overridden").getJsonArray("auth")));
        assertEquals("configuration", forAlice.get("overridden").getString("authSource"));
        // A MicroProfile Config property given at start wins over the file's line.
        assertEquals(List.of("ServiceAdministrator"), strings(forAlice.get("mpOverridden").getJsonArray("auth")));
        assertEquals("configuration", forAlice.get("configuredOnly").getString("authSource"));
        assertEquals(List.of("serviceadministrator"), strings(forAlice.get("admins").getJsonArray("auth")));
        assertEquals("code", forAlice.get("admins").getString("authSource"));
        assertFalse(forAlice.get("admins").getBoolean("callable"), "alice is no administrator");
        assertTrue(forBob.get("admins").getBoolean("callable"), "bob is");
        assertTrue(forAlice.get("normal").getBoolean("callable"));
        // And the description agrees with what a call gets.
        assertEquals(403, alice.call("Test/Guarded", "admins", "[]").status());
        assertEquals(200, bob.call("Test/Guarded", "admins", "[]").status());
    }

    @Test
    void aVisitorSeesOnlyWhatItMayCall() {
        JsonObject description = describe(Caller.visitor(), "Test/Guarded");
        assertFalse(description.getBoolean("complete"), "methods were left out for the visitor");
        Map<String, JsonObject> methods = methods(description);
        assertTrue(methods.containsKey("open"), methods.keySet().toString());
        assertTrue(methods.containsKey("ping"), methods.keySet().toString());
        for (String hidden : List.of("members", "normal", "admins", "overridden", "whoami")) {
            assertFalse(methods.containsKey(hidden), hidden + " is shown to a visitor");
        }
        methods.values().forEach(m -> assertTrue(m.getBoolean("callable"), m.toString()));
        // The built-ins say the same, and do not confirm that a hidden method exists.
        Reply listed = Caller.visitor().call("Test/Guarded", "system.listMethods", "[]");
        assertEquals(new ArrayList<>(methods.keySet()), strings(listed.value().asJsonArray()));
        Reply hidden = Caller.visitor().call("Test/Guarded", "system.methodSignature", "[\"members\"]");
        assertEquals(200, hidden.status());
        assertFalse(hidden.ok());
        assertEquals(2, hidden.errno(), "ENOENT");
        assertTrue(hidden.message().contains("no method members here that you may see"), hidden.message());
        assertTrue(describe(alice, "Test/Guarded").getBoolean("complete"));
    }

    @Test
    void theBuiltinsGiveTheSameDescriptionOverPost() {
        JsonObject got = describe(alice, "Test/Types");
        Reply described = alice.call("Test/Types", "system.describe", "[]");
        assertEquals(got, described.value().asJsonObject());
        Reply listed = alice.call("Test/Types", "system.listMethods", "[]");
        assertEquals(new ArrayList<>(methods(got).keySet()), strings(listed.value().asJsonArray()));
        Reply signature = alice.call("Test/Types", "system.methodSignature", "[\"join\"]");
        assertEquals("[[\"string\",\"string\",\"list<string>\"]]", signature.value().toString());
        Reply help = alice.call("Test/Types", "system.methodHelp", "[\"join\"]");
        assertEquals("The parts, with the separator between them.", ((JsonString) help.value()).getString());
        Reply noHelp = alice.call("Test/Types", "system.methodHelp", "[\"increment\"]");
        assertEquals("", ((JsonString) noHelp.value()).getString());
        Reply unknown = alice.call("Test/Types", "system.methodHelp", "[\"noSuchMethod\"]");
        assertFalse(unknown.ok());
        assertTrue(unknown.message().contains("noSuchMethod"), unknown.message());
        Reply wrong = alice.call("Test/Types", "system.methodSignature", "[]");
        assertEquals(400, wrong.status(), wrong.toString());
    }

    @Test
    void messagesOfStableConnectionsAreDescribed() {
        JsonObject board = describe(alice, "Test/Board");
        Map<String, JsonObject> messages = new LinkedHashMap<>();
        board.getJsonArray("messages").forEach(m -> messages.put(m.asJsonObject().getString("name"), m.asJsonObject()));
        assertEquals(List.of("Post", "Announce", "Posted", "Event"), new ArrayList<>(messages.keySet()));
        assertTrue(messages.get("Post").getBoolean("received"));
        assertEquals("Anyone with NormalUser may post; every connection gets it as Posted.",
                messages.get("Post").getString("doc"), "the record's Javadoc");
        assertEquals(List.of("NormalUser"), strings(messages.get("Post").getJsonArray("auth")));
        assertFalse(messages.get("Posted").getBoolean("received"), "the service only sends Posted");
        assertEquals(List.of("text", "by"), messages.get("Posted").getJsonArray("fields").stream()
                .map(f -> f.asJsonObject().getString("name")).toList());
        assertEquals(JsonValue.NULL, describe(alice, "Test/Types").get("messages"), "no stable connections");
    }

    @Test
    void theRootListsTheServicesAndUnknownPathsAreRefused() {
        Reply root = alice.get("/", "*/*");
        assertEquals(200, root.status(), root.toString());
        JsonObject list = root.value().asJsonObject();
        assertTrue(list.getString("server").startsWith("Gatehouse "), list.toString());
        List<String> names = list.getJsonArray("services").stream()
                .map(s -> s.asJsonObject().getString("name")).toList();
        assertTrue(names.containsAll(List.of("Framework/Hello", "Framework/Files", "Test/Types", "Test/Guarded")),
                names.toString());
        assertEquals(names.stream().sorted().toList(), names, "sorted");

        Reply unknown = alice.get("/No/Such", "application/json");
        assertEquals(404, unknown.status());
        assertFalse(unknown.ok());
        assertTrue(unknown.message().startsWith("no service No/Such here"), unknown.message());
        Reply slash = alice.get("/Test/Types/", "application/json");
        assertEquals(404, slash.status());
        assertTrue(slash.message().contains("drop the trailing slash"), slash.message());
        assertEquals(404, alice.get("/Test/Types/more", "application/json").status());
        // POST stays the only way to call: GET describes, it does not call.
        assertNotNull(describe(alice, "Test/Types").getJsonArray("methods"));
        Reply put = alice.send(java.net.http.HttpRequest.newBuilder(Caller.url("/Test/Types"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("x")));
        assertEquals(405, put.status());
    }
}

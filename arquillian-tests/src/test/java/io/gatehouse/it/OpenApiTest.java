package io.gatehouse.it;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's own MicroProfile OpenAPI document ({@code /openapi}) describes the deployed services: it validates
 * against the official OpenAPI schema of the version it declares (3.0 on Payara, 3.1 on WildFly), each service's
 * methods are in it with the signatures and docs its self-description gives, and a call made from the document's
 * own example succeeds.
 */
@ExtendWith(ArquillianExtension.class)
class OpenApiTest {

    /** Where the official schemas are, and where vertx-openapi's jar keeps copies of them. */
    private static final String SPEC_SITE = "https://spec.openapis.org/";
    private static final String SCHEMA_30 = SPEC_SITE + "oas/3.0/schema/2021-09-28";
    private static final String SCHEMA_31 = SPEC_SITE + "oas/3.1/schema-base/2022-10-07";
    private static final String FORM = "application/x-www-form-urlencoded";

    private static String documentText;
    private static JsonObject document;

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.servicesArchive();
    }

    /** The document as a visitor gets it: no certificate is needed to read it. */
    @BeforeAll
    static void fetchTheDocument() {
        Reply reply = Caller.visitor().get("/openapi?format=JSON", "application/json");
        assertEquals(200, reply.status(), reply.text());
        documentText = reply.text();
        document = reply.json();
    }

    /** The official schema of the document's OpenAPI version, read from the class path. */
    private static Schema officialSchema(String openapiVersion) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix(SPEC_SITE, "classpath:spec.openapis.org/")));
        if (openapiVersion.startsWith("3.0.")) {
            return registry.getSchema(SchemaLocation.of(SCHEMA_30));
        }
        if (openapiVersion.startsWith("3.1.")) {
            return registry.getSchema(SchemaLocation.of(SCHEMA_31));
        }
        throw new AssertionError("an OpenAPI version this test has no schema for: " + openapiVersion);
    }

    private static List<Error> validate(String json) {
        String version = Json.createReader(new java.io.StringReader(json)).readObject().getString("openapi");
        return officialSchema(version).validate(json, InputFormat.JSON);
    }

    private static String listed(List<Error> errors) {
        return errors.stream().map(Error::toString).collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    @Test
    void theDocumentValidatesAgainstTheOpenApiSchemaOfItsVersion() {
        String version = document.getString("openapi");
        assertTrue(version.matches("3\\.[01]\\.\\d+"), version);
        List<Error> errors = validate(documentText);
        assertTrue(errors.isEmpty(), "OpenAPI " + version + " schema errors:" + listed(errors) + "\nin " + documentText);
        assertEquals("Gatehouse services", document.getJsonObject("info").getString("title"));
        String server = Caller.visitor().call("Framework/Hello", "ping", "[]").value().asJsonObject()
                .getString("version");
        assertEquals(server, "Gatehouse " + document.getJsonObject("info").getString("version"),
                "the document's version is the runtime's");
    }

    @Test
    void theValidatorRejectsABrokenCopy() {
        // No info (required), and a response that is not a Response Object: both must be reported.
        JsonObject hello = document.getJsonObject("paths").getJsonObject("/Framework/Hello");
        JsonObject brokenCall = Json.createObjectBuilder(hello.getJsonObject("post"))
                .add("responses", Json.createObjectBuilder().add("200", "fine")).build();
        JsonObject broken = Json.createObjectBuilder(document).remove("info")
                .add("paths", Json.createObjectBuilder(document.getJsonObject("paths"))
                        .add("/Framework/Hello", Json.createObjectBuilder(hello).add("post", brokenCall)))
                .build();
        List<Error> errors = validate(broken.toString());
        assertFalse(errors.isEmpty(), "the broken copy passed");
        String report = listed(errors);
        assertTrue(errors.stream().anyMatch(e -> "required".equals(e.getKeyword()) && e.getMessage().contains("info")),
                "no error for the missing info:" + report);
        assertTrue(errors.stream().anyMatch(e -> e.getInstanceLocation().toString().contains("200")),
                "no error for the broken response:" + report);
    }

    @Test
    void everyServiceIsAPathWithItsMethodsAsItsDescriptionGivesThem() {
        JsonObject paths = document.getJsonObject("paths");
        assertTrue(paths.containsKey("/"), "GET / lists the services");
        // The services and the list, nothing else: no path from a scan of the dispatcher's JAX-RS resources
        // (such as /{system}/{component}), which the server would add if it did not read the archive's config.
        Set<String> expected = new TreeSet<>(List.of("/"));
        Caller.user("alice").get("/", "application/json").value().asJsonObject().getJsonArray("services")
                .forEach(s -> expected.add("/" + s.asJsonObject().getString("name")));
        assertEquals(expected, new TreeSet<>(paths.keySet()));
        for (String service : List.of("Framework/Hello", "Test/Types")) {
            JsonObject path = paths.getJsonObject("/" + service);
            assertTrue(path != null && path.containsKey("get") && path.containsKey("post"), service + ": " + path);
            JsonObject call = path.getJsonObject("post");
            assertEquals(List.of(service), strings(call.getJsonArray("tags")));
            Map<String, JsonObject> documented = byName(call.getJsonArray("x-gatehouse-methods"));
            Map<String, JsonObject> described = byName(Caller.user("alice").get("/" + service, "application/json")
                    .value().asJsonObject().getJsonArray("methods"));
            assertEquals(described.keySet(), documented.keySet(), service + ": the same methods in the same order");
            described.forEach((name, method) -> {
                JsonObject shown = documented.get(name);
                assertEquals(method.getString("signature"), shown.getString("signature"), service + "." + name);
                assertEquals(method.get("doc") == JsonValue.NULL ? null : method.getString("doc"),
                        shown.containsKey("doc") ? shown.getString("doc") : null, service + "." + name);
                // Empty lists are left out of the extension.
                assertEquals(method.getJsonArray("parameters").size(), shown.containsKey("parameters")
                        ? shown.getJsonArray("parameters").size() : 0, service + "." + name);
                assertTrue(call.getString("description").contains("`" + method.getString("signature") + "`"),
                        service + "." + name + " is listed in the operation's description");
            });
            JsonObject form = call.getJsonObject("requestBody").getJsonObject("content").getJsonObject(FORM);
            List<String> callable = strings(form.getJsonObject("schema").getJsonObject("properties")
                    .getJsonObject("method").getJsonArray("enum"));
            assertEquals(described.values().stream().filter(m -> !m.getString("transfer").equals("upload"))
                    .map(m -> m.getString("name")).toList(), callable, service);
            assertEquals(callable, List.copyOf(form.getJsonObject("examples").keySet()), service);
        }
        JsonObject hello = byName(paths.getJsonObject("/Framework/Hello").getJsonObject("post")
                .getJsonArray("x-gatehouse-methods")).get("sayHello");
        assertEquals("sayHello(name: string) -> string", hello.getString("signature"));
        assertEquals(List.of("all"), strings(hello.getJsonArray("auth")));
        JsonObject join = byName(paths.getJsonObject("/Test/Types").getJsonObject("post")
                .getJsonArray("x-gatehouse-methods")).get("join");
        assertEquals("The parts, with the separator between them.", join.getString("doc"));
        assertEquals("list<string>", join.getJsonArray("parameters").getJsonObject(1).getString("type"));
    }

    @Test
    void aMethodIsCalledAsTheDocumentsExampleSays() {
        JsonObject example = document.getJsonObject("paths").getJsonObject("/Framework/Hello").getJsonObject("post")
                .getJsonObject("requestBody").getJsonObject("content").getJsonObject(FORM)
                .getJsonObject("examples").getJsonObject("sayHello").getJsonObject("value");
        assertEquals("[\"\"]", example.getString("args"));
        Reply reply = Caller.user("alice").post("/Framework/Hello", "method", example.getString("method"),
                "args", "[\"OpenAPI\"]");
        assertEquals(200, reply.status(), reply.text());
        assertTrue(reply.value().toString().contains("OpenAPI"), reply.text());
        // A method the document does not offer is refused as it says: 501 with an S_ERROR.
        Reply unknown = Caller.user("alice").post("/Framework/Hello", "method", "noSuchMethod", "args", "[]");
        assertEquals(501, unknown.status(), unknown.text());
        assertFalse(unknown.ok());
        assertTrue(document.getJsonObject("paths").getJsonObject("/Framework/Hello").getJsonObject("post")
                .getJsonObject("responses").containsKey("501"));
    }

    private static Map<String, JsonObject> byName(JsonArray methods) {
        Map<String, JsonObject> byName = new LinkedHashMap<>();
        methods.forEach(m -> byName.put(m.asJsonObject().getString("name"), m.asJsonObject()));
        return byName;
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}

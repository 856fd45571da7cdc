package io.gatehouse.runtime.description.openapi;

import io.gatehouse.runtime.description.ServiceDescription;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAPI model made from hand-made service declarations (SmallRye's model implementation stands in). */
class OpenApiDocumentTest {

    private static final Map<String, Object> STRING = Map.of("type", "string");

    private static ServiceDescription.Method method(String name, String doc, List<ServiceDescription.Parameter> params,
                                                    String returns, List<String> auth, boolean builtin,
                                                    String transfer) {
        String signature = name + "(" + String.join(", ", params.stream()
                .map(p -> p.name() + (p.optional() ? "?" : "") + ": " + p.type()).toList()) + ") -> " + returns;
        return new ServiceDescription.Method(name, doc, signature, params,
                new ServiceDescription.Value(returns, Map.of(), null), auth, auth.isEmpty() ? "none" : "code", true,
                builtin, transfer);
    }

    private static ServiceDescription.Parameter parameter(String name, String type, Map<String, Object> schema) {
        return new ServiceDescription.Parameter(name, type, schema, false, false, null);
    }

    /** A service with a plain method, a download, a streamed upload and a built-in. */
    private static DocumentedService storage() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("x", Map.of("type", "integer"));
        properties.put("label", STRING);
        Map<String, Object> point = Map.of("type", "object", "title", "Point", "properties", properties);
        return new DocumentedService("Test/Storage", "Keeps files.", List.of(
                method("fetch", "Sends a file.", List.of(parameter("path", "string", STRING)), "file",
                        List.of("authenticated"), false, "download"),
                method("place", "Marks a point.", List.of(parameter("where", "Point", point),
                                parameter("colour", "string", Map.of("type", "string", "enum", List.of("RED", "BLUE")))),
                        "null", List.of("NormalUser", "TrustedHost"), false, "none"),
                method("store", null, List.of(parameter("path", "string", STRING)), "integer",
                        List.of("authenticated"), false, "upload"),
                method("ping", "Answers.", List.of(), "map<string,any>", List.of(), true, "none")));
    }

    private static DocumentedService hello() {
        return new DocumentedService("Framework/Hello", null, List.of(
                method("sayHello", "Greets.", List.of(parameter("name", "string", STRING)), "string",
                        List.of("all"), false, "none")));
    }

    private static Operation post(OpenAPI document, String path) {
        return document.getPaths().getPathItem(path).getPOST();
    }

    @Test
    void theServerItselfIsDescribedEvenWithoutServices() {
        OpenAPI document = OpenApiDocument.build("1.2.3", List.of());
        assertEquals("Gatehouse services", document.getInfo().getTitle());
        assertEquals("1.2.3", document.getInfo().getVersion());
        assertEquals("/", document.getServers().get(0).getUrl());
        assertEquals("/", document.getExternalDocs().getUrl(), "the service browser");
        assertNotNull(document.getInfo().getLicense().getName(), "a license without a name is invalid");
        assertEquals(List.of("/"), List.copyOf(document.getPaths().getPathItems().keySet()));
        assertEquals("listServices", document.getPaths().getPathItem("/").getGET().getOperationId());
        assertNotNull(document.getComponents().getSchemas().get("S_OK"));
        assertNotNull(document.getComponents().getSchemas().get("S_ERROR"));
    }

    @Test
    void eachServiceIsOnePathThatDescribesOnGetAndCallsOnPost() {
        OpenAPI document = OpenApiDocument.build("1", List.of(hello(), storage()));
        assertEquals(List.of("/", "/Framework/Hello", "/Test/Storage"),
                List.copyOf(document.getPaths().getPathItems().keySet()));
        Operation describe = document.getPaths().getPathItem("/Test/Storage").getGET();
        assertEquals("Test.Storage.describe", describe.getOperationId());
        assertEquals(List.of("Test/Storage"), describe.getTags());
        Operation call = post(document, "/Test/Storage");
        assertEquals("Test.Storage.call", call.getOperationId());
        assertEquals(List.of("Test/Storage"), call.getTags());
        assertEquals(List.of("Gatehouse", "Framework/Hello", "Test/Storage"),
                document.getTags().stream().map(t -> t.getName()).toList());
        assertEquals("Keeps files.", document.getTags().get(2).getDescription());
    }

    @Test
    void theFormNamesTheMethodsAndHasAnExamplePerMethod() {
        MediaType form = post(OpenApiDocument.build("1", List.of(storage())), "/Test/Storage").getRequestBody()
                .getContent().getMediaType("application/x-www-form-urlencoded");
        Schema schema = form.getSchema();
        // The streamed upload is not called with a form.
        assertEquals(List.of("fetch", "place", "ping"), schema.getProperties().get("method").getEnumeration());
        assertEquals(Schema.SchemaType.STRING, schema.getProperties().get("args").getType());
        assertEquals(List.of("method"), schema.getRequired());
        assertEquals(List.of("fetch", "place", "ping"), List.copyOf(form.getExamples().keySet()));
        assertEquals("place(where: Point, colour: string) -> null", form.getExamples().get("place").getSummary());
        assertEquals(Map.of("method", "place", "args", "[{\"x\":0,\"label\":\"\"},\"RED\"]"),
                form.getExamples().get("place").getValue());
        assertEquals(Map.of("method", "ping", "args", "[]"), form.getExamples().get("ping").getValue());
    }

    @Test
    void streamedUploadsAndDownloadsAreOctetStreams() {
        Operation call = post(OpenApiDocument.build("1", List.of(storage())), "/Test/Storage");
        MediaType upload = call.getRequestBody().getContent().getMediaType("application/octet-stream");
        assertEquals("binary", upload.getSchema().getFormat());
        List<Parameter> query = call.getParameters();
        assertEquals(List.of("method", "args"), query.stream().map(Parameter::getName).toList());
        assertEquals(Parameter.In.QUERY, query.get(0).getIn());
        assertEquals(List.of("store"), query.get(0).getSchema().getEnumeration());
        assertNotNull(call.getResponses().getAPIResponse("200").getContent().getMediaType("application/octet-stream"));

        Operation plain = post(OpenApiDocument.build("1", List.of(hello())), "/Framework/Hello");
        assertNull(plain.getRequestBody().getContent().getMediaType("application/octet-stream"));
        assertTrue(plain.getParameters() == null || plain.getParameters().isEmpty());
        assertNull(plain.getResponses().getAPIResponse("200").getContent().getMediaType("application/octet-stream"));
    }

    @Test
    void failuresAreEnvelopesWithTheirStatus() {
        Operation call = post(OpenApiDocument.build("1", List.of(hello())), "/Framework/Hello");
        for (String status : List.of("400", "401", "403", "404", "500", "501", "503")) {
            assertEquals("#/components/schemas/S_ERROR", call.getResponses().getAPIResponse(status).getContent()
                    .getMediaType("application/json").getSchema().getRef(), status);
        }
        assertEquals("#/components/schemas/Reply", call.getResponses().getAPIResponse("200").getContent()
                .getMediaType("application/json").getSchema().getRef());
    }

    @Test
    void theDescriptionListsSignaturesDocsAndRules() {
        String text = post(OpenApiDocument.build("1", List.of(storage())), "/Test/Storage").getDescription();
        assertTrue(text.startsWith("Keeps files.\n"), text);
        assertTrue(text.contains("\n- `place(where: Point, colour: string) -> null`: Marks a point. Rule in code:"
                + " NormalUser, TrustedHost."), text);
        assertTrue(text.contains("\n- `ping() -> map<string,any>` (every service has it): Answers. No rule in code"),
                text);
        assertTrue(text.contains("`store(path: string) -> integer` Rule in code: authenticated. Streamed upload"),
                text);
        assertTrue(text.contains("`fetch(path: string) -> file`: Sends a file. Rule in code: authenticated. Sends"
                + " a file"), text);
    }

    @Test
    void everyMethodIsInTheExtensionWithItsSchemas() {
        Operation call = post(OpenApiDocument.build("1", List.of(storage())), "/Test/Storage");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> methods = (List<Map<String, Object>>) call.getExtensions()
                .get("x-gatehouse-methods");
        assertEquals(List.of("fetch", "place", "store", "ping"), methods.stream().map(m -> m.get("name")).toList());
        Map<String, Object> place = methods.get(1);
        assertEquals(List.of("NormalUser", "TrustedHost"), place.get("auth"));
        assertEquals("code", place.get("authSource"));
        @SuppressWarnings("unchecked")
        Map<String, Object> where = ((List<Map<String, Object>>) place.get("parameters")).get(0);
        assertEquals("Point", where.get("type"));
        assertEquals("Point", ((Map<?, ?>) where.get("schema")).get("title"));
        assertFalse(methods.get(2).containsKey("doc"), "no doc: left out, not null");
        Map<String, Object> ping = methods.get(3);
        assertFalse(ping.containsKey("parameters"), "no parameters: left out, not empty");
        assertFalse(ping.containsKey("auth"), "no rule in code: left out, not empty");
        assertEquals("none", ping.get("authSource"));
        assertFalse(((Map<?, ?>) ping.get("returns")).containsKey("schema"), "an empty schema is left out");
        assertEquals("upload", methods.get(2).get("transfer"));
    }

    @Test
    void operationIdsStayDistinctWhereUnderscoresCouldCollide() {
        assertEquals("A.B_C.call", OpenApiDocument.operationId(new DocumentedService("A/B_C", null, List.of()), "call"));
        assertEquals("A_B.C.call", OpenApiDocument.operationId(new DocumentedService("A_B/C", null, List.of()), "call"));
    }
}

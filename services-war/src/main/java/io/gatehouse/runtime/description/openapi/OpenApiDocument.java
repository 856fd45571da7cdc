package io.gatehouse.runtime.description.openapi;

import io.gatehouse.runtime.description.ServiceDescription;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OpenAPI model of the deployed services. Each service is one path, {@code /<System>/<Component>}: POST calls a
 * method (one path and verb can hold one operation only, so the method is a form field, as on the wire: an enum of
 * the service's method names, with an example per method that tools offer to fill the form) and GET describes the
 * service. Each method's signature, doc and rule are in the operation's description, and in full (parameters with
 * their JSON Schemas) in the extension {@code x-gatehouse-methods}. {@code GET /} lists the services.
 *
 * <p>Everything written here is valid in OpenAPI 3.0 (Payara) and 3.1 (WildFly), whichever the server declares.
 * Lists go into the model through its {@code add} methods or as mutable copies: the server goes on working on the
 * model after the reader (merging, filtering, adding its own parts).
 */
public final class OpenApiDocument {

    static final String TITLE = "Gatehouse services";
    static final String SERVER_TAG = "Gatehouse";
    /** Gatehouse states no terms for the services a site runs. */
    static final String LICENSE = "Not stated (the terms of the site that runs this server apply)";
    static final String METHODS_EXTENSION = "x-gatehouse-methods";
    static final String OK_SCHEMA = "S_OK";
    static final String ERROR_SCHEMA = "S_ERROR";
    static final String REPLY_SCHEMA = "Reply";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String OCTETS = "application/octet-stream";
    static final String JSON = "application/json";

    /** The statuses Gatehouse itself answers with an S_ERROR, and why (PROTOCOL.md). */
    private static final Map<String, String> CALL_FAILURES = failures();

    private OpenApiDocument() {
    }

    private static Map<String, String> failures() {
        Map<String, String> failures = new LinkedHashMap<>();
        failures.put("400", "The call is malformed (args not a JSON array, an argument of the wrong type).");
        failures.put("401", "The method's rule needs an identity and the caller presented no valid certificate,"
                + " or one that is not registered.");
        failures.put("403", "The caller's identity is known but the method's rule does not admit it.");
        failures.put("404", "No such service on this server.");
        failures.put("413", "The body is over the server's limit.");
        failures.put("415", "The body is neither a form nor, for a streamed upload, application/octet-stream.");
        failures.put("500", "The method failed unexpectedly, or its value could not be sent.");
        failures.put("501", "The service has no method of that name.");
        failures.put("503", "The service's initialization has not succeeded yet (Errno 11, EAGAIN): try again after"
                + " the Retry-After header's seconds.");
        return failures;
    }

    /** The document for {@code services}, the server's own parts ({@code GET /}) included. */
    public static OpenAPI build(String version, List<DocumentedService> services) {
        OpenAPI document = OASFactory.createOpenAPI()
                .info(OASFactory.createInfo().title(TITLE).version(version).description(introduction())
                        // WildFly fills a missing license with an empty one, which the schema refuses (no name).
                        .license(OASFactory.createLicense().name(LICENSE)))
                .externalDocs(OASFactory.createExternalDocumentation().url("/")
                        .description("The service browser: GET / from a web browser lists the services and calls"
                                + " their methods with the browser's certificate."))
                .addServer(OASFactory.createServer().url("/")
                        .description("This server (the document's own origin)"))
                .components(OASFactory.createComponents()
                        .addSchema(OK_SCHEMA, okSchema())
                        .addSchema(ERROR_SCHEMA, errorSchema())
                        .addSchema(REPLY_SCHEMA, Schemas.create().description("A DIRAC reply envelope.")
                                .addOneOf(Schemas.ref(OK_SCHEMA)).addOneOf(Schemas.ref(ERROR_SCHEMA))));
        Paths paths = OASFactory.createPaths();
        document.addTag(OASFactory.createTag().name(SERVER_TAG).description("The server and its services."));
        paths.addPathItem("/", OASFactory.createPathItem().GET(serviceList()));
        for (DocumentedService service : services) {
            document.addTag(OASFactory.createTag().name(service.name()).description(service.doc()));
            paths.addPathItem("/" + service.name(), OASFactory.createPathItem()
                    .GET(description(service)).POST(call(service)));
        }
        return document.paths(paths);
    }

    private static String introduction() {
        return "The services this Gatehouse server runs, described from their code. A call is a POST to"
                + " /<System>/<Component> over HTTPS, authenticated by the caller's client certificate (visitors"
                + " without one may call what the rules let anyone call): a form with the method's name in `method`"
                + " and its arguments as a JSON array in `args`. Replies are DIRAC envelopes: {\"OK\": true, \"Value\":"
                + " ...} or {\"OK\": false, \"Errno\": n, \"Message\": \"...\"}.\n\n"
                + "The rules shown are those the code declares, as of when this document was built; an"
                + " administrator's configuration may override them: GET /<System>/<Component> gives each method's"
                + " rule in force.";
    }

    private static Schema okSchema() {
        return Schemas.object().description("Success: the method's value.")
                .addProperty("OK", Schemas.typed("boolean").addEnumeration(Boolean.TRUE))
                .addProperty("Value", Schemas.create().description("The method's value (any JSON)."))
                .addRequired("OK");
    }

    private static Schema errorSchema() {
        return Schemas.object().description("Failure: why, for a person, and an errno.")
                .addProperty("OK", Schemas.typed("boolean").addEnumeration(Boolean.FALSE))
                .addProperty("Errno", Schemas.typed("integer"))
                .addProperty("Message", Schemas.typed("string"))
                .addRequired("OK").addRequired("Message");
    }

    private static Operation serviceList() {
        APIResponses responses = OASFactory.createAPIResponses()
                .addAPIResponse("200", reply("The server and its services: {\"server\": \"Gatehouse <version>\","
                        + " \"services\": [{\"name\": \"System/Component\", \"doc\": ...}]}, sorted by name. A"
                        + " browser (Accept: text/html) gets the service browser page instead."));
        return OASFactory.createOperation().operationId("listServices").addTag(SERVER_TAG)
                .summary("List the services of this server").responses(responses);
    }

    private static Operation description(DocumentedService service) {
        APIResponses responses = OASFactory.createAPIResponses()
                .addAPIResponse("200", reply("The service's description as the caller may see it: its methods with"
                        + " their signatures, parameters (JSON Schemas), docs and the rules in force now."))
                .addAPIResponse("404", failure(CALL_FAILURES.get("404")));
        return OASFactory.createOperation().operationId(operationId(service, "describe")).addTag(service.name())
                .summary("Describe " + service.name()).responses(responses);
    }

    private static Operation call(DocumentedService service) {
        List<ServiceDescription.Method> formMethods = service.methods().stream()
                .filter(m -> !m.transfer().equals("upload")).toList();
        List<ServiceDescription.Method> uploads = service.methods().stream()
                .filter(m -> m.transfer().equals("upload")).toList();
        boolean downloads = service.methods().stream().anyMatch(m -> m.transfer().equals("download"));

        Content body = OASFactory.createContent().addMediaType(FORM, callForm(formMethods));
        Operation operation = OASFactory.createOperation().operationId(operationId(service, "call"))
                .addTag(service.name()).summary("Call a method of " + service.name())
                .description(methodList(service));
        if (!uploads.isEmpty()) {
            body.addMediaType(OCTETS, OASFactory.createMediaType().schema(Schemas.binary()));
            List<Object> names = uploads.stream().map(m -> (Object) m.name())
                    .collect(Collectors.toCollection(ArrayList::new));
            operation.addParameter(OASFactory.createParameter().name("method").in(Parameter.In.QUERY)
                    .description("Streamed uploads only (an application/octet-stream body): the method.")
                    .schema(Schemas.typed("string").enumeration(names)));
            operation.addParameter(OASFactory.createParameter().name("args").in(Parameter.In.QUERY)
                    .description("Streamed uploads only: the other arguments as a JSON array; absent means [].")
                    .schema(Schemas.typed("string")));
        }
        operation.requestBody(OASFactory.createRequestBody().required(true).content(body));

        APIResponses responses = OASFactory.createAPIResponses();
        Content success = OASFactory.createContent().addMediaType(JSON,
                OASFactory.createMediaType().schema(Schemas.ref(REPLY_SCHEMA)));
        String successText = "The method's reply: S_OK with its value, or its own S_ERROR (an application"
                + " result).";
        if (downloads) {
            success.addMediaType(OCTETS, OASFactory.createMediaType().schema(Schemas.binary()));
            successText += " A method that sends a file sends its content as application/octet-stream.";
        }
        responses.addAPIResponse("200", OASFactory.createAPIResponse().description(successText).content(success));
        CALL_FAILURES.forEach((status, why) -> responses.addAPIResponse(status, failure(why)));
        operation.responses(responses);
        operation.addExtension(METHODS_EXTENSION, service.methods().stream().map(OpenApiDocument::methodData)
                .collect(Collectors.toCollection(ArrayList::new)));
        return operation;
    }

    /** The form a call sends: {@code method} (one of the names), {@code args}; one example per method. */
    private static org.eclipse.microprofile.openapi.models.media.MediaType callForm(
            List<ServiceDescription.Method> methods) {
        List<Object> names = methods.stream().map(m -> (Object) m.name())
                .collect(Collectors.toCollection(ArrayList::new));
        Schema form = Schemas.object()
                .addProperty("method", Schemas.typed("string").enumeration(names)
                        .description("The method to call."))
                .addProperty("args", Schemas.typed("string").defaultValue("[]")
                        .description("The arguments, positional, as a JSON array (such as [\"world\"]); absent"
                                + " means []. Each method's parameters are in its signature."))
                .addRequired("method");
        org.eclipse.microprofile.openapi.models.media.MediaType media = OASFactory.createMediaType().schema(form);
        for (ServiceDescription.Method method : methods) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("method", method.name());
            value.put("args", sampleArguments(method));
            media.addExample(method.name(), OASFactory.createExample().summary(method.signature()).value(value));
        }
        return media;
    }

    /** The operation's description: the service's doc, then each method's signature, doc and rule. */
    static String methodList(DocumentedService service) {
        StringBuilder text = new StringBuilder();
        if (service.doc() != null) {
            text.append(service.doc()).append("\n\n");
        }
        text.append("Methods (send the name as `method`, the arguments as a JSON array in `args`):\n");
        for (ServiceDescription.Method method : service.methods()) {
            text.append("\n- `").append(method.signature()).append('`');
            if (method.builtin()) {
                text.append(" (every service has it)");
            }
            if (method.doc() != null) {
                text.append(": ").append(method.doc().strip());
            }
            text.append(' ').append(ruleText(method));
            if (method.transfer().equals("upload")) {
                text.append(" Streamed upload: the content is the application/octet-stream body, `method` and"
                        + " `args` are in the query.");
            } else if (method.transfer().equals("download")) {
                text.append(" Sends a file: its content is the reply's body (application/octet-stream).");
            }
        }
        return text.toString();
    }

    static String ruleText(ServiceDescription.Method method) {
        if (method.authSource().equals("code")) {
            return "Rule in code: " + String.join(", ", method.auth()) + ".";
        }
        return "No rule in code: the service's configured default applies, else anyone may call.";
    }

    /** Placeholder arguments for a method: a value of the right shape for each parameter, as JSON text. */
    static String sampleArguments(ServiceDescription.Method method) {
        JsonArrayBuilder arguments = Json.createArrayBuilder();
        method.parameters().forEach(p -> arguments.add(sample(p.schema())));
        return arguments.build().toString();
    }

    private static JsonValue sample(Map<String, Object> schema) {
        if (schema.get("enum") instanceof List<?> values && !values.isEmpty()) {
            return Json.createValue(String.valueOf(values.get(0)));
        }
        Object type = schema.get("type");
        if (type == null) {
            return JsonValue.NULL;
        }
        return switch (type.toString()) {
            case "string" -> Json.createValue("");
            case "integer", "number" -> Json.createValue(0);
            case "boolean" -> JsonValue.FALSE;
            case "array" -> JsonValue.EMPTY_JSON_ARRAY;
            case "object" -> {
                JsonObjectBuilder object = Json.createObjectBuilder();
                if (schema.get("properties") instanceof Map<?, ?> properties) {
                    properties.forEach((name, property) -> object.add(name.toString(),
                            property instanceof Map<?, ?> p ? sample(stringKeyed(p)) : JsonValue.NULL));
                }
                yield object.build();
            }
            default -> JsonValue.NULL;
        };
    }

    private static Map<String, Object> stringKeyed(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k.toString(), v));
        return copy;
    }

    /**
     * A method's declaration as plain data for {@code x-gatehouse-methods}. Nulls, empty lists and empty schemas
     * ({@code any}) are left out, as Payara's writer would leave them out anyway: the same data on every server.
     */
    static Map<String, Object> methodData(ServiceDescription.Method method) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", method.name());
        putIfPresent(data, "doc", method.doc());
        data.put("signature", method.signature());
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (ServiceDescription.Parameter p : method.parameters()) {
            Map<String, Object> parameter = new LinkedHashMap<>();
            parameter.put("name", p.name());
            parameter.put("type", p.type());
            putIfPresent(parameter, "schema", p.schema());
            parameter.put("optional", p.optional());
            parameter.put("nullable", p.nullable());
            putIfPresent(parameter, "doc", p.doc());
            parameters.add(parameter);
        }
        putIfPresent(data, "parameters", parameters);
        Map<String, Object> returns = new LinkedHashMap<>();
        returns.put("type", method.returns().type());
        putIfPresent(returns, "schema", method.returns().schema());
        putIfPresent(returns, "doc", method.returns().doc());
        data.put("returns", returns);
        putIfPresent(data, "auth", method.auth());
        data.put("authSource", method.authSource());
        data.put("builtin", method.builtin());
        data.put("transfer", method.transfer());
        return data;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        boolean empty = value == null || value instanceof java.util.Collection<?> c && c.isEmpty()
                || value instanceof Map<?, ?> m && m.isEmpty();
        if (!empty) {
            map.put(key, value);
        }
    }

    private static org.eclipse.microprofile.openapi.models.responses.APIResponse reply(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType(JSON, OASFactory.createMediaType().schema(Schemas.ref(REPLY_SCHEMA))));
    }

    private static org.eclipse.microprofile.openapi.models.responses.APIResponse failure(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType(JSON, OASFactory.createMediaType().schema(Schemas.ref(ERROR_SCHEMA))));
    }

    /** {@code Framework.Hello.call}: unique (a service name has no dot), and read as a namespace by code generators. */
    static String operationId(DocumentedService service, String what) {
        return service.name().replace('/', '.') + "." + what;
    }
}

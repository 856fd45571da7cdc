package io.gatehouse.bench.reference;

import java.io.StringReader;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The benchmark's baseline: {@code echo} the way a plain JAX-RS developer writes it, with no Gatehouse code.
 * It does the same kind of work as Gatehouse's {@code echo}: read the form, parse {@code args} as JSON, write a
 * DIRAC-style JSON reply ({@code {"OK":true,"Value":<first argument>}}). There is no authentication or
 * authorization here: the listener's TLS (and its client-certificate check) is all it gets.
 *
 * <p>The JSON provider is looked up once, as any JSON-P user who has profiled does: {@code Json.createReader}
 * looks it up again at every call (a class-path scan in an application server), which would make the baseline
 * ten times slower than it need be.
 */
@Path("echo")
public class EchoResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response echo(@FormParam("method") String method, @FormParam("args") String args) {
        if (!"echo".equals(method)) {
            return error("Unknown method: " + method);
        }
        JsonArray arguments;
        try (JsonReader reader = JSON.createReader(new StringReader(args == null ? "[]" : args))) {
            arguments = reader.readArray();
        } catch (JsonException | IllegalStateException e) {
            return error("args is not a JSON array");
        }
        JsonValue value = arguments.size() == 1 ? arguments.get(0) : arguments;
        JsonObject reply = JSON.createObjectBuilder().add("OK", true).add("Value", value).build();
        return Response.ok(reply).build();
    }

    private static Response error(String message) {
        JsonObject reply = JSON.createObjectBuilder().add("OK", false).add("Message", message).build();
        return Response.status(Response.Status.BAD_REQUEST).entity(reply).build();
    }
}

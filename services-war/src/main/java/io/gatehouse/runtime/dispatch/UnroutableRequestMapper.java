package io.gatehouse.runtime.dispatch;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Requests JAX-RS itself refuses (an unknown path, a verb other than POST, an unsupported media type) still get
 * an S_ERROR body that says what to do, with the status and headers (such as {@code Allow}) JAX-RS chose.
 */
@Provider
public class UnroutableRequestMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    HttpHeaders headers;

    @Override
    public Response toResponse(WebApplicationException exception) {
        CallFailure known = exception.getCause() == null ? null : FailureMapper.known(exception.getCause());
        if (known != null) {
            return Replies.failure(known, headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING));
        }
        Response original = exception.getResponse();
        int status = original.getStatus();
        String message = switch (status) {
            case 404 -> "no service at this path: services answer POST /<System>/<Component>";
            case 405 -> "only POST calls a service (GET describes it): send POST with the form fields method and args";
            case 406 -> "the reply is JSON: accept application/json";
            case 415 -> "send the call as application/x-www-form-urlencoded or multipart/form-data";
            default -> original.getStatusInfo().getReasonPhrase();
        };
        Response reply = Replies.failure(status, 0, message, headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING));
        Response.ResponseBuilder builder = Response.fromResponse(reply);
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE) && !name.equalsIgnoreCase(HttpHeaders.ALLOW)) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        if (status == 405) {
            builder.header(HttpHeaders.ALLOW, DispatcherResource.ALLOWED); // OPTIONS is refused too
        }
        return builder.build();
    }
}

package io.gatehouse.runtime.dispatch;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The archive's error page (web.xml maps every status and every exception here): what the container itself
 * refuses, before or around JAX-RS (a path under {@code /WEB-INF}, a malformed request, an exception outside the
 * call path), is answered with an S_ERROR body like every other reply, never the container's HTML page.
 */
@WebServlet(name = "gatehouse-error", urlPatterns = ErrorReplyServlet.PATH)
public class ErrorReplyServlet extends HttpServlet {

    static final String PATH = "/gatehouse-error-reply";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ErrorReplyServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        int status = code instanceof Integer number ? number : 404;
        CallFailure failure;
        if (exception instanceof Throwable thrown && FailureMapper.known(thrown) != null) {
            failure = FailureMapper.known(thrown);
        } else if (exception instanceof Throwable thrown || status >= 500) {
            String incident = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(Level.SEVERE, "incident " + incident + ": the container failed a request to "
                    + Texts.cut(String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))),
                    exception instanceof Throwable thrown ? thrown : null);
            failure = new CallFailure(status >= 500 ? status : 500, 0, "internal error, incident " + incident);
        } else {
            failure = new CallFailure(status, 0, message(status));
        }
        response.resetBuffer();
        RequestBodyFilter.send(response, failure);
    }

    private static String message(int status) {
        return switch (status) {
            case 400 -> "the request is malformed: services answer POST /<System>/<Component> with a form";
            case 401, 403 -> "not allowed";
            case 404 -> "no service at this path: services answer POST /<System>/<Component>";
            case 405 -> "only POST calls a service: send POST with the form fields method and args";
            case 408 -> "the request did not arrive in time";
            case 413 -> "the request is too large";
            case 415 -> "send the call as application/x-www-form-urlencoded or multipart/form-data";
            default -> "the request could not be served (HTTP " + status + ")";
        };
    }
}

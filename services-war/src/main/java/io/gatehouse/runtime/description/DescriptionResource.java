package io.gatehouse.runtime.description;

import io.gatehouse.runtime.dispatch.CallFailure;
import io.gatehouse.runtime.dispatch.Replies;
import io.gatehouse.runtime.dispatch.ServiceEntry;
import io.gatehouse.runtime.dispatch.ServiceTable;
import io.gatehouse.runtime.identity.CertificateAuthModule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The services' descriptions over GET, beside the calls (PROTOCOL.md §2, "Ours"): {@code GET /<System>/<Component>}
 * describes one service (through {@code DispatcherResource}, which owns that path); {@code GET /} lists the services, or is the service browser page when a browser asks.
 * They go through the same authentication as the calls, so what each caller is shown is decided by their
 * credentials ({@link ServiceDescriber}).
 */
@Path("/")
@Produces(MediaType.WILDCARD)
@ApplicationScoped
public class DescriptionResource {

    /** The page may run its own inline script and reach this server, nothing else. */
    static final String PAGE_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';"
            + " connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String PAGE = "/io/gatehouse/runtime/description/browser.html";
    private static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("utf-8");

    @Inject
    ServiceTable services;

    @Inject
    ServiceDescriber describer;

    private volatile byte[] page;

    /** The service list as JSON, or the browser page for a client that prefers HTML. */
    @GET
    public Response root(@Context HttpHeaders headers, @Context HttpServletRequest request) {
        String acceptEncoding = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
        if (prefersHtml(headers.getAcceptableMediaTypes())) {
            byte[] html = page();
            if (html == null) {
                return Replies.failure(404, 0, "this build has no service browser page", acceptEncoding);
            }
            return Response.ok(html, HTML)
                    .header("Content-Security-Policy", PAGE_POLICY)
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                    .build();
        }
        return Response.fromResponse(Replies.ok(describer.serviceList(), acceptEncoding))
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build();
    }

    /**
     * One service's description, as the caller may see it: the answer to {@code GET /<System>/<Component>}, which
     * JAX-RS routes to the dispatcher's resource (one resource class per path).
     */
    public Response service(String system, String component, HttpServletRequest request) {
        String acceptEncoding = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
        try {
            ServiceEntry service = services.find(system, component, request.getRequestURI());
            return Replies.ok(describer.describe(service, CertificateAuthModule.credentials(request)),
                    acceptEncoding);
        } catch (CallFailure failure) {
            return Replies.failure(failure, acceptEncoding);
        }
    }

    /**
     * Whether the client's most preferred type we can give is HTML: a browser's {@code text/html} ranks first,
     * while a wildcard (curl, scripts) and {@code application/json} get JSON.
     */
    static boolean prefersHtml(List<MediaType> acceptable) {
        for (MediaType type : acceptable) {
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                return false;
            }
            if (type.isCompatible(MediaType.TEXT_HTML_TYPE)
                    || type.isCompatible(MediaType.APPLICATION_XHTML_XML_TYPE)) {
                return true;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    private byte[] page() {
        byte[] bytes = page;
        if (bytes == null) {
            try (InputStream in = DescriptionResource.class.getResourceAsStream(PAGE)) {
                if (in == null) {
                    return null;
                }
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            page = bytes;
        }
        return bytes;
    }
}

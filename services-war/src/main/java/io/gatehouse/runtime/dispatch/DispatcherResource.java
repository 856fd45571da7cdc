package io.gatehouse.runtime.dispatch;

import io.gatehouse.api.Errors;
import io.gatehouse.runtime.authorization.AccessControl;
import io.gatehouse.api.Result;
import io.gatehouse.api.ServiceException;
import io.gatehouse.runtime.description.DescriptionResource;
import io.gatehouse.runtime.monitoring.CallMetrics;
import io.gatehouse.runtime.identity.CallerCredentials;
import io.gatehouse.runtime.identity.CallerResolver;
import io.gatehouse.runtime.identity.CertificateAuthModule;
import io.gatehouse.runtime.identity.PresentedChain;
import io.gatehouse.runtime.lifecycle.ServiceStartup;
import io.gatehouse.runtime.streaming.DownloadReplies;
import io.gatehouse.runtime.streaming.TransferLedger;
import io.gatehouse.runtime.streaming.UploadBody;
import io.gatehouse.api.files.Download;
import io.gatehouse.api.wire.Transfers;
import io.gatehouse.api.wire.ArgumentException;
import io.gatehouse.api.wire.JEncode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one route of every service, {@code POST /<System>/<Component>} (PROTOCOL.md §2 to §5). A call goes
 * through these steps, in this order: find the service, read the form (read whole and capped by {@link RequestBodyFilter}
 * before this method runs), find the method, take the caller's credentials, check them against the method's rule,
 * and only then bind the arguments, invoke the method through its CDI proxy, and turn what came back into the reply.
 * A streamed upload takes the same steps, with the method and its other arguments in the query and the body left
 * unread until the method reads it; a {@link Download} the method returns is sent by {@link DownloadReplies}.
 */
@Path("{system}/{component}")
// Every reply states its own type (JSON, or octets for rawContent), whatever the caller accepts, as DIRAC's do; saying
// so here also spares Jersey weighing each writer's media types against every call.
@Produces(MediaType.WILDCARD)
@ApplicationScoped
public class DispatcherResource {

    private static final Logger LOG = Logger.getLogger(DispatcherResource.class.getName());
    private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED;
    /** The methods a service's path answers: POST calls, GET describes. */
    static final String ALLOWED = "GET, POST";
    /** What is read past an upload over its limit so that its client reads the 413 (UploadBody#drain). */
    private static final long DRAIN_BYTES = 4L << 20;
    private static final long DRAIN_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);

    @Inject
    ServiceTable services;

    @Inject
    MethodInvoker invoker;

    @Inject
    CallerResolver callers;

    @Inject
    AccessControl access;

    @Inject
    CallLimits limits;

    @Inject
    CallMetrics metrics;

    @Inject
    DownloadReplies downloads;

    @Inject
    TransferLedger transfers;

    @Inject
    DescriptionResource descriptions;

    @Inject
    ServiceStartup startup;

    /** When true, the text of an unexpected exception reaches the caller: for development only. */
    @Inject
    @ConfigProperty(name = "gatehouse.debug", defaultValue = "false")
    boolean debug;

    /**
     * A call as DIRAC's clients send it, a urlencoded form (possibly gzipped). The request and its body come from
     * {@link InboundRequest}, as {@link RequestBodyFilter} read them.
     */
    @POST
    public Response call(@PathParam("system") String system, @PathParam("component") String component) {
        InboundRequest inbound = InboundRequest.current();
        HttpServletRequest request = inbound.request();
        return dispatch(system, component, request, () -> {
            requireForm(request.getContentType());
            return new FormReader(inbound.maxBodyBytes()).read(inbound,
                    request.getHeader(HttpHeaders.CONTENT_ENCODING));
        }, false);
    }

    /**
     * A streamed upload: the method and its other arguments in the query, the body the content, read by the
     * method's {@code InputStream} parameter only once the call is authorized ({@link RequestBodyFilter} leaves
     * such bodies unread).
     */
    @POST
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    public Response upload(@PathParam("system") String system, @PathParam("component") String component,
                           @QueryParam(Transfers.METHOD_PARAMETER) String method,
                           @QueryParam(Transfers.ARGS_PARAMETER) String args,
                           @QueryParam(Transfers.EXTRA_CREDENTIALS_PARAMETER) String extraCredentials,
                           @Context HttpServletRequest request) {
        return dispatch(system, component, request, () -> {
            if (method == null || method.isBlank()) {
                throw CallFailure.badRequest("no method: a streamed upload names its method in the query,"
                        + " ?method=NAME&args=[...]");
            }
            String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
            if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
                throw new CallFailure(415, 0, "a streamed upload is sent as it is, without Content-Encoding");
            }
            return new CallRequest(method, args == null ? "[]" : args,
                    Optional.ofNullable(extraCredentials).filter(s -> !s.isEmpty()), false);
        }, true);
    }

    /** A body that says it is something else than a form is not read as one; no Content-Type is taken as a form. */
    private static void requireForm(String contentType) {
        if (contentType != null && !contentType.isBlank()
                && !contentType.regionMatches(true, 0, FORM, 0, FORM.length())
                && !isForm(parse(contentType))) {
            throw new CallFailure(415, 0, "a call is a form: send application/x-www-form-urlencoded or"
                    + " multipart/form-data, not " + Texts.cut(contentType));
        }
    }

    private static boolean isForm(MediaType type) {
        return !type.isWildcardType() && !type.isWildcardSubtype()
                && MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(type);
    }

    private static MediaType parse(String contentType) {
        try {
            return MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            return new MediaType("invalid", "invalid"); // compatible with no form type
        }
    }

    /** A call sent as {@code multipart/form-data}. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response callMultipart(@PathParam("system") String system, @PathParam("component") String component,
                                  List<EntityPart> parts) {
        InboundRequest inbound = InboundRequest.current();
        return dispatch(system, component, inbound.request(),
                () -> new FormReader(inbound.maxBodyBytes()).read(parts), false);
    }

    private Response dispatch(String system, String component, HttpServletRequest request,
                              Supplier<CallRequest> formReader, boolean streamedBody) {
        long start = System.nanoTime();
        String acceptEncoding = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
        ServiceEntry service = null;
        ExportedMethod method = null;
        Response response;
        boolean failed = true;
        try {
            CallerCredentials presented = CertificateAuthModule.credentials(request);
            service = services.find(system, component, request.getRequestURI());
            CallRequest form = formReader.get();
            ServiceEntry target = service;
            Optional<ExportedMethod> own = service.method(form.method());
            method = own.or(() -> services.builtin(form.method()))
                    .orElseThrow(() -> new CallFailure(501, Errors.ENOSYS,
                            Texts.cut(form.method()) + " is not implemented by " + target.name()));
            requireBodyKind(method, streamedBody);
            CallerCredentials caller = caller(presented, request, form);
            CurrentCall.begin(service, caller);
            try {
                access.check(service.name(), method, caller);
                // A 503 until the service's @Initialize method has succeeded. After the rule, so that only an
                // authorized caller starts a retry or reads the failure's reason; built-ins only describe the service.
                // A service without one skips the startup bean altogether: most calls.
                if (own.isPresent() && service.startup().isPresent()) {
                    startup.admit(service);
                }
                CurrentCall.authorized(method);
                UploadBody upload = streamedBody ? openUpload(service, caller, request) : null;
                Object[] arguments = bind(method, form.args(), upload);
                Object value = invoke(service, method, arguments, upload);
                response = reply(method, value, form.rawContent(), acceptEncoding, request, caller);
                if (upload != null) {
                    response = withUploadChecksum(response, upload, caller);
                }
                failed = value instanceof Result<?> result && !result.isOk();
            } finally {
                CurrentCall.end();
            }
        } catch (CallFailure failure) {
            response = Replies.failure(failure, acceptEncoding);
        }
        if (method == null) {
            metrics.recordUnrouted(response.getStatus());
        } else {
            metrics.recordCall(service.name(), method.name(), response.getStatus(), failed,
                    System.nanoTime() - start);
        }
        return response;
    }

    /** GET describes the service: its methods, signatures, docs and rules (PROTOCOL.md §2, "Ours"). */
    @GET
    public Response describe(@PathParam("system") String system, @PathParam("component") String component,
                             @Context HttpServletRequest request) {
        return descriptions.service(system, component, request);
    }

    /** Only POST calls a service; OPTIONS is refused like every other verb (PROTOCOL.md §2). */
    @OPTIONS
    public Response options(@Context HttpServletRequest request) {
        return Response.fromResponse(Replies.failure(405, 0, "only POST calls a service (GET describes it)",
                request.getHeader(HttpHeaders.ACCEPT_ENCODING))).header(HttpHeaders.ALLOW, ALLOWED).build();
    }

    private CallerCredentials caller(CallerCredentials caller, HttpServletRequest request, CallRequest form) {
        if (form.extraCredentials().isEmpty()) {
            return caller;
        }
        JsonValue extra;
        try {
            extra = JEncode.parse(form.extraCredentials().get(), limits.maxJsonDepth());
        } catch (ArgumentException e) {
            throw CallFailure.badRequest("extraCredentials is not JSON: " + e.getMessage());
        }
        PresentedChain chain = (PresentedChain) request.getAttribute(CertificateAuthModule.CHAIN);
        Object sent = JEncode.decode(extra);
        if (chain == null) {
            return caller.withExtraCredentials(sent);
        }
        if (extra instanceof JsonString s && s.getString().equals(CallerResolver.HOSTS)) {
            return callers.asHost(chain);
        }
        if (extra instanceof JsonArray delegation && delegation.size() == 2
                && delegation.get(0) instanceof JsonString dn && delegation.get(1) instanceof JsonString group) {
            return callers.asDelegate(chain, dn.getString(), group.getString(), sent);
        }
        return caller.withExtraCredentials(sent);
    }

    /** A method that reads a streamed body is called with one, and only such a method. */
    private static void requireBodyKind(ExportedMethod method, boolean streamedBody) {
        if (method.bodyParameter().isPresent() && !streamedBody) {
            throw CallFailure.badRequest(method.name() + " reads its content as it arrives: POST the content as"
                    + " application/octet-stream, with ?method=" + method.name() + "&args=[...] (its other arguments)"
                    + " in the query");
        }
        if (method.bodyParameter().isEmpty() && streamedBody) {
            throw new CallFailure(415, 0, method.name() + " takes no streamed content: call it with a form"
                    + " (application/x-www-form-urlencoded)");
        }
    }

    /** The upload's body, once the call is authorized: refused at once when its announced length is too large. */
    private UploadBody openUpload(ServiceEntry service, CallerCredentials caller, HttpServletRequest request) {
        long limit = limits.maxUploadBytes(service.name(), caller);
        long announced = request.getContentLengthLong();
        UploadBody body;
        try {
            body = new UploadBody(request.getInputStream(), limit, announced, limits.uploadPace());
        } catch (IOException e) {
            throw RequestBodyFilter.unreadable(e);
        }
        if (announced > limit) {
            // Unread by the method; a client that sends it anyway (no Expect: 100-continue) must still read the 413.
            body.drain(DRAIN_BYTES, DRAIN_NANOS);
            throw uploadTooLarge(limit, "announced in Content-Length");
        }
        return body;
    }

    /** What the method made of the body is void when the body went over its limit or could not be read. */
    private static void checkUpload(UploadBody upload) {
        if (upload.overLimit()) {
            upload.drain(DRAIN_BYTES, DRAIN_NANOS);
            throw uploadTooLarge(upload.limit(), "counted while reading");
        }
        if (upload.tooSlow()) {
            throw new CallFailure(408, 0, upload.failure().getMessage() + " on average: send faster (see"
                    + " gatehouse.upload.min-bytes-per-second)");
        }
        if (upload.failure() != null) {
            throw RequestBodyFilter.unreadable(upload.failure());
        }
    }

    private static CallFailure uploadTooLarge(long limit, String how) {
        return new CallFailure(413, Errors.EFBIG, "the upload is larger than this service's limit of " + limit
                + " bytes (" + how + ")");
    }

    /** The reply of an upload, with the checksum of what the method read; a body not read to its end closes. */
    private Response withUploadChecksum(Response response, UploadBody upload, CallerCredentials caller) {
        Transfers.Checksum checksum = upload.checksum();
        TransferLedger.Transfer transfer = transfers.begin(caller.dn());
        transfer.completed(checksum);
        Response.ResponseBuilder reply = Response.fromResponse(response)
                .header(Transfers.TRANSFER_HEADER, transfer.id())
                .header(Transfers.CHECKSUM_HEADER, checksum.toHeader());
        return upload.atEnd() ? reply.build() : reply.header("Connection", "close").build();
    }

    /**
     * The arguments, parsed once from {@code args} into the parameters' types; a 400 for any that does not fit. The
     * streamed body, when there is one, takes its parameter's place and is not counted among {@code args}.
     */
    private Object[] bind(ExportedMethod method, String argsJson, UploadBody upload) {
        JsonArray args;
        try {
            args = JEncode.parseArgs(argsJson, limits.maxJsonDepth());
        } catch (ArgumentException e) {
            throw CallFailure.badRequest(e.getMessage());
        }
        List<ExportedMethod.MethodParameter> parameters = method.parameters();
        int bodyAt = method.bodyParameter().orElse(-1);
        int expected = parameters.size() - (bodyAt < 0 ? 0 : 1);
        int required = expected - method.optionalTrailingParameters();
        if (args.size() > expected || args.size() < required) {
            throw CallFailure.badRequest(method.name() + " takes " + (required == expected ? "" : required + " to ")
                    + expected + " argument" + (expected == 1 ? "" : "s")
                    + (bodyAt < 0 ? "" : " besides its streamed content") + ", got " + args.size());
        }
        Object[] values = new Object[parameters.size()];
        for (int i = 0, a = 0; i < values.length; i++) {
            if (i == bodyAt) {
                values[i] = upload;
                continue;
            }
            ExportedMethod.MethodParameter parameter = parameters.get(i);
            if (a == args.size()) {
                values[i] = Optional.empty(); // an optional argument left out
                continue;
            }
            JsonValue arg = args.get(a++);
            if (arg.getValueType() == JsonValue.ValueType.NULL && !parameter.acceptsNull()) {
                throw CallFailure.badRequest(parameter.describe() + " of " + method.name() + " must not be null");
            }
            try {
                values[i] = JEncode.bind(arg, parameter.type());
            } catch (ArgumentException e) {
                throw CallFailure.badRequest(parameter.describe() + " of " + method.name() + ": " + e.getMessage());
            }
        }
        return values;
    }

    /**
     * The method's value; a {@link ServiceException} becomes its S_ERROR, anything unexpected a 500. An upload that
     * went over its limit or was cut short voids whatever the method made of it, its failure included.
     */
    private Object invoke(ServiceEntry service, ExportedMethod method, Object[] arguments, UploadBody upload) {
        Object value;
        try {
            value = invoker.invoke(service, method, arguments);
        } catch (CallFailure failure) {
            throw failure;
        } catch (ServiceException e) {
            value = e.toResult();
        } catch (Throwable e) {
            if (upload != null) {
                checkUpload(upload);
            }
            throw internalError(method, "failed", e);
        }
        if (upload != null) {
            checkUpload(upload);
        }
        return value;
    }

    private Response reply(ExportedMethod method, Object value, boolean rawContent, String acceptEncoding,
                           HttpServletRequest request, CallerCredentials caller) {
        Object unwrapped = value;
        if (value instanceof Result<?> result) {
            if (!result.isOk()) {
                // Raw content has no room for an S_ERROR: its failure is a status (PROTOCOL.md §9), so that no
                // client writes the error text into the file it is receiving.
                return rawContent || method.returnsDownload()
                        ? Replies.failure(Replies.statusOf(result.errno()), result.errno(), result.message(),
                                acceptEncoding)
                        : Replies.error(result.errno(), result.message(), acceptEncoding);
            }
            unwrapped = result.value();
        }
        if (unwrapped instanceof Download download) {
            return downloads.send(download, request.getHeader("Range"), caller.dn(),
                    download.fileName().orElse("the content of " + method.name()));
        }
        if (rawContent && unwrapped instanceof byte[] bytes) {
            return Replies.raw(bytes, acceptEncoding);
        }
        if (rawContent && unwrapped instanceof String text) {
            return Replies.raw(text.getBytes(StandardCharsets.UTF_8), acceptEncoding);
        }
        if (ReplyDepth.exceeds(unwrapped, limits.maxJsonDepth())) {
            throw internalError(method, "returned a value nested more than " + limits.maxJsonDepth() + " levels deep",
                    null);
        }
        try {
            return Replies.ok(unwrapped, acceptEncoding);
        } catch (JsonbException | IllegalArgumentException | StackOverflowError e) {
            throw internalError(method, "returned a value that cannot be encoded as JSON", e);
        }
    }

    private CallFailure internalError(ExportedMethod method, String what, Throwable cause) {
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, "incident " + incident + ": " + method.qualifiedName() + " " + what, cause);
        String detail = debug && cause != null ? ": " + cause : "";
        return new CallFailure(500, 0, "internal error in " + method.name() + " (" + what + "), incident " + incident
                + detail);
    }
}

package io.gatehouse.runtime.messaging;

import io.gatehouse.api.Errors;
import io.gatehouse.api.Result;
import io.gatehouse.api.ServiceException;
import io.gatehouse.api.wire.ArgumentException;
import io.gatehouse.api.wire.ConnectionFrames;
import io.gatehouse.api.wire.ConnectionFrames.ErrorFrame;
import io.gatehouse.api.wire.ConnectionFrames.Frame;
import io.gatehouse.api.wire.JEncode;
import io.gatehouse.runtime.authorization.AccessControl;
import io.gatehouse.runtime.authorization.Audit;
import io.gatehouse.runtime.authorization.AuthorizationPolicy;
import io.gatehouse.runtime.authorization.AuthorizationRule;
import io.gatehouse.runtime.authorization.Decision;
import io.gatehouse.runtime.authorization.RuleResolver;
import io.gatehouse.runtime.dispatch.CallFailure;
import io.gatehouse.runtime.dispatch.ServiceEntry;
import io.gatehouse.runtime.dispatch.ServiceTable;
import io.gatehouse.runtime.identity.CallerCredentials;
import io.gatehouse.runtime.identity.IdentityCache;
import io.gatehouse.runtime.lifecycle.ServiceStartup;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The protocol of a stable connection, from the server's side: the connection rule when the socket opens, the
 * {@code connect} frame and the handler's connect callback, then each frame (a message checked against its
 * declaration and its rule, then handed to its receiver; an acknowledgement; a client's result to a call), and the
 * drop callback at the end. See {@link ConnectionFrames} for the frames.
 */
@ApplicationScoped
public class ConnectionService {

    private static final Logger LOG = Logger.getLogger(ConnectionService.class.getName());
    private static final Pattern CLIENT_IDENTITY = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    /** The pseudo-method name of the connection rule, in the audit log and in the administrator's section. */
    static final String CONNECTION_RULE = "Connection";

    @Inject
    ServiceTable services;

    @Inject
    RuleResolver rules;

    @Inject
    ConnectionRegistry registry;

    @Inject
    ServiceStartup startup;

    @Inject
    ClientCalls clientCalls;

    @Inject
    BeanManager beanManager;

    @Inject
    IdentityCache identities;

    @Inject
    @ConfigProperty(name = "gatehouse.messaging.max-frame-bytes", defaultValue = "65536")
    int maxFrameBytes;

    @Inject
    @ConfigProperty(name = "gatehouse.messaging.max-queued-frames", defaultValue = "1024")
    int maxQueuedFrames;

    @Inject
    @ConfigProperty(name = "gatehouse.max-json-depth", defaultValue = "64")
    int maxJsonDepth;

    @Inject
    @ConfigProperty(name = "gatehouse.messaging.idle-timeout-seconds", defaultValue = "0")
    long idleTimeoutSeconds;

    private final Map<Bean<?>, Object> handlers = new ConcurrentHashMap<>();

    /** What an endpoint knows of its socket between the opening and the {@code connect} frame. */
    static final class Opening {
        final ServiceEntry service;
        final MessagingDeclaration declaration;
        final CallerCredentials caller;
        final X509Certificate[] chain;
        final Session session;

        Opening(ServiceEntry service, MessagingDeclaration declaration, CallerCredentials caller,
                X509Certificate[] chain, Session session) {
            this.service = service;
            this.declaration = declaration;
            this.caller = caller;
            this.chain = chain;
            this.session = session;
        }
    }

    int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** 0: none. */
    long idleTimeoutMillis() {
        return idleTimeoutSeconds * 1000;
    }

    /**
     * A socket opened on {@code /<system>/<component>/connection}: the service must take connections, the caller
     * must pass the connection rule, and the service's initialization must have succeeded (else the socket closes
     * with 1013, try again later, and the reason the calls' 503 gives).
     *
     * @return the opening, or empty when it was refused (the socket is then being closed with an error frame)
     */
    Optional<Opening> open(Session session, String serviceName, CallerCredentials caller, X509Certificate[] chain) {
        Optional<ServiceEntry> service = services.service(serviceName);
        if (service.isEmpty() || service.get().messaging().isEmpty()) {
            refuse(session, CloseCodes.CANNOT_ACCEPT, new ErrorFrame(service.isEmpty()
                    ? "no service " + serviceName : serviceName + " takes no connections", Errors.ENOENT,
                    Optional.empty()));
            return Optional.empty();
        }
        MessagingDeclaration declaration = service.get().messaging().get();
        Decision decision = connectionDecision(serviceName, declaration, caller);
        if (!decision.allowed()) {
            refuse(session, CloseCodes.VIOLATED_POLICY, new ErrorFrame("No access to " + serviceName
                    + " connections: " + decision.reason(), Errors.EACCES, Optional.empty()));
            return Optional.empty();
        }
        try {
            startup.admit(service.get()); // a service whose initialization has not succeeded takes no connection
        } catch (CallFailure notReady) {
            refuse(session, CloseCodes.TRY_AGAIN_LATER, new ErrorFrame(notReady.getMessage(), notReady.errno(),
                    Optional.empty()));
            return Optional.empty();
        }
        return Optional.of(new Opening(service.get(), declaration, caller, chain, session));
    }

    /**
     * The administrator's {@code Authorization/Connection} when set; else whoever may send at least one of the
     * messages the service receives; else (it receives none) its {@code Authorization/Default}, else anyone.
     */
    private Decision connectionDecision(String service, MessagingDeclaration declaration, CallerCredentials caller) {
        Optional<AuthorizationRule> set = rules.adminRuleFor(service, CONNECTION_RULE);
        if (set.isPresent()) {
            return AccessControl.decide(service, CONNECTION_RULE, set.get(), caller);
        }
        Decision refused = null;
        for (MessagingDeclaration.Receiver receiver : declaration.receivers().values()) {
            AuthorizationRule rule = rules.ruleFor(service, receiver.message(), receiver.codeRule());
            Decision decision = AuthorizationPolicy.decide(rule, caller);
            if (decision.allowed()) {
                return decision;
            }
            refused = refused == null || decision.status() < refused.status() ? decision : refused;
        }
        if (refused != null) {
            Decision decision = new Decision(false, refused.status(),
                    "the caller may send none of the service's messages (" + refused.reason() + ")");
            Audit.record(service, CONNECTION_RULE, caller, AuthorizationRule.NONE, decision);
            return decision;
        }
        AuthorizationRule rule = rules.ruleFor(service, CONNECTION_RULE, Optional.empty());
        return AccessControl.decide(service, CONNECTION_RULE, rule, caller);
    }

    /**
     * The first frame must be {@code connect}: the handler's connect callback decides, then the connection is
     * registered and told its transport id.
     *
     * @return the accepted connection, or empty when refused (the socket is then being closed)
     */
    Optional<LiveConnection> connect(Opening opening, String text) {
        Frame frame;
        try {
            frame = ConnectionFrames.parse(text, maxJsonDepth);
        } catch (ArgumentException e) {
            refuse(opening.session, CloseCodes.PROTOCOL_ERROR, new ErrorFrame(e.getMessage(), Errors.EINVAL,
                    Optional.empty()));
            return Optional.empty();
        }
        if (!(frame instanceof ConnectionFrames.Connect connect)) {
            refuse(opening.session, CloseCodes.PROTOCOL_ERROR, new ErrorFrame(
                    "the first frame must be a connect frame", Errors.EINVAL, Optional.empty()));
            return Optional.empty();
        }
        if (!CLIENT_IDENTITY.matcher(connect.client()).matches()) {
            refuse(opening.session, CloseCodes.PROTOCOL_ERROR, new ErrorFrame("the client identity must be 1 to"
                    + " 128 letters, digits or ._:@-", Errors.EINVAL, Optional.empty()));
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> parameters = (Map<String, Object>) JEncode.decode(connect.parameters());
        LiveConnection connection = new LiveConnection(opening.service.name(), UUID.randomUUID().toString(),
                connect.client(), opening.caller, opening.chain, java.util.Collections.unmodifiableMap(parameters),
                opening.declaration, opening.session, maxQueuedFrames);
        Optional<Method> onConnect = opening.declaration.onConnect();
        if (onConnect.isPresent()) {
            Optional<ErrorFrame> refusal = callback(opening.service, onConnect.get(), connection);
            if (refusal.isPresent()) {
                connection.fail(CloseCodes.VIOLATED_POLICY, refusal.get());
                return Optional.empty();
            }
        }
        registry.add(connection);
        connection.write(new ConnectionFrames.Connected(connection.transportId(), describe(opening.declaration)));
        return Optional.of(connection);
    }

    /** One frame from an accepted connection. */
    void receive(LiveConnection connection, String text) {
        Optional<String> refusal = connection.recheck(identities);
        if (refusal.isPresent()) {
            connection.fail(CloseCodes.VIOLATED_POLICY, new ErrorFrame("the certificate chain is no longer"
                    + " accepted: " + refusal.get(), Errors.EACCES, Optional.empty()));
            return;
        }
        Frame frame;
        try {
            frame = ConnectionFrames.parse(text, maxJsonDepth);
        } catch (ArgumentException e) {
            connection.fail(CloseCodes.PROTOCOL_ERROR, new ErrorFrame(e.getMessage(), Errors.EINVAL,
                    Optional.empty()));
            return;
        }
        if (frame instanceof ConnectionFrames.Message message) {
            receiveMessage(connection, message);
        } else if (frame instanceof ConnectionFrames.CallResult result) {
            clientCalls.answered(connection, result);
        } else if (frame instanceof ConnectionFrames.Ack) {
            // The service asks for no acknowledgements of its own sends; a stray one is harmless.
        } else {
            connection.fail(CloseCodes.PROTOCOL_ERROR, new ErrorFrame("a client may not send a "
                    + frame.getClass().getSimpleName() + " frame once connected", Errors.EINVAL, Optional.empty()));
        }
    }

    private void receiveMessage(LiveConnection connection, ConnectionFrames.Message message) {
        String service = connection.service();
        ServiceEntry entry = services.service(service).orElseThrow();
        MessagingDeclaration declaration = entry.messaging().orElseThrow();
        Class<? extends Record> type = declaration.messages().get(message.name());
        if (type == null) {
            connection.fail(CloseCodes.CANNOT_ACCEPT, new ErrorFrame("message " + message.name()
                    + " is not declared by " + service, Errors.EINVAL, message.ack()));
            return;
        }
        Record fields;
        try {
            fields = ConnectionFrames.bindFields(message.fields(), type);
        } catch (ArgumentException e) {
            connection.fail(CloseCodes.CANNOT_ACCEPT, new ErrorFrame("message " + message.name() + ": "
                    + e.getMessage(), Errors.EINVAL, message.ack()));
            return;
        }
        MessagingDeclaration.Receiver receiver = declaration.receivers().get(message.name());
        if (receiver == null) {
            connection.fail(CloseCodes.CANNOT_ACCEPT, new ErrorFrame(service + " does not receive message "
                    + message.name(), Errors.EINVAL, message.ack()));
            return;
        }
        AuthorizationRule rule = rules.ruleFor(service, message.name(), receiver.codeRule());
        Decision decision = AccessControl.decide(service, message.name(), rule, connection.caller());
        if (!decision.allowed()) {
            // Refused, not malformed: the connection stays, as an RPC caller may go on after a 403.
            connection.write(new ErrorFrame("No access to " + service + " message " + message.name() + ": "
                    + decision.reason(), Errors.EACCES, message.ack()));
            return;
        }
        Object[] arguments = receiver.takesConnection() ? new Object[] {fields, connection} : new Object[] {fields};
        Optional<ErrorFrame> failure = invoke(entry, receiver.javaMethod(), arguments, message.ack());
        if (failure.isPresent()) {
            connection.fail(CloseCodes.UNEXPECTED_CONDITION, failure.get());
        } else {
            message.ack().ifPresent(n -> connection.write(new ConnectionFrames.Ack(n)));
        }
    }

    /**
     * The application stops (undeployed, or the server stops): every connection is closed with "going away", so
     * that clients reconnect rather than wait on a socket no application serves (Payara Server keeps them open).
     */
    @PreDestroy
    void closeAll() {
        for (String service : services.serviceNames()) {
            for (LiveConnection connection : registry.all(service)) {
                connection.closeWith(CloseCodes.GOING_AWAY, "the service is going away");
            }
        }
    }

    /** The socket closed, whoever closed it: forget the connection, then the handler's drop callback. */
    void ended(LiveConnection connection) {
        connection.ended();
        registry.remove(connection);
        clientCalls.disconnected(connection);
        ServiceEntry entry = services.service(connection.service()).orElseThrow();
        entry.messaging().flatMap(MessagingDeclaration::onDrop)
                .ifPresent(onDrop -> callback(entry, onDrop, connection));
    }

    private Optional<ErrorFrame> callback(ServiceEntry entry, Method method, LiveConnection connection) {
        return invoke(entry, method, new Object[] {connection}, Optional.empty());
    }

    /** Invokes a handler method; what it refuses or fails with becomes an error frame. */
    private Optional<ErrorFrame> invoke(ServiceEntry entry, Method method, Object[] arguments, Optional<Long> ack) {
        try {
            Object returned = method.invoke(handler(entry), arguments);
            if (returned instanceof Result<?> result && !result.isOk()) {
                return Optional.of(new ErrorFrame(result.message(), result.errno(), ack));
            }
            return Optional.empty();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ServiceException refused) {
                return Optional.of(new ErrorFrame(refused.getMessage(), refused.errno(), ack));
            }
            LOG.log(Level.WARNING, entry.name() + ": " + method.getName() + " failed", cause);
            return Optional.of(new ErrorFrame(method.getName() + " failed on the server", Errors.EEEXCEPTION, ack));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object handler(ServiceEntry entry) {
        return handlers.computeIfAbsent(entry.handler(), bean -> beanManager.getReference(bean, bean.getBeanClass(),
                beanManager.createCreationalContext(bean)));
    }

    /** Refuses a socket before it is a connection: an error frame, then the close. */
    private static void refuse(Session session, CloseCodes code, ErrorFrame error) {
        try {
            session.getBasicRemote().sendText(ConnectionFrames.write(error));
            session.close(new jakarta.websocket.CloseReason(code, LiveConnection.closeReasonText(error.message())));
        } catch (java.io.IOException | RuntimeException e) {
            LOG.log(Level.FINE, "refusing a connection", e);
        }
    }

    /** The service's messages as the {@code connected} frame lists them: name, then field to type in words. */
    static Map<String, Map<String, String>> describe(MessagingDeclaration declaration) {
        Map<String, Map<String, String>> messages = new LinkedHashMap<>();
        declaration.messages().forEach((name, type) -> {
            Map<String, String> fields = new LinkedHashMap<>();
            for (RecordComponent component : type.getRecordComponents()) {
                fields.put(component.getName(), JEncode.typeName(component.getGenericType()));
            }
            messages.put(name, fields);
        });
        return messages;
    }
}

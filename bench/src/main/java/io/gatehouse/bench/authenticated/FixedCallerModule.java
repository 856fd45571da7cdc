package io.gatehouse.bench.authenticated;

import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.MessagePolicy;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import java.io.IOException;
import java.util.Map;

/**
 * The second baseline's authentication: the container's part of authenticating a caller and nothing else. Every
 * request is logged in, through the same Jakarta Authentication callbacks Gatehouse uses, as one fixed caller in
 * one group; no certificate is read and nothing is looked up, so what this costs per call is the container's own
 * work (the authentication and authorization valves, the login bridge), the floor under any application that lets
 * the container know its callers.
 */
public final class FixedCallerModule implements ServerAuthModule {

    private static final Class<?>[] MESSAGE_TYPES = {HttpServletRequest.class, HttpServletResponse.class};
    /**
     * A principal object, as Gatehouse hands over: given a bare name under CLIENT-CERT, Payara runs a JAAS X.500
     * login behind a global lock and logs a warning at every request, which would measure that trap instead.
     */
    private static final CallerPrincipal CALLER = new CallerPrincipal("CN=bench caller");

    private CallbackHandler container;

    @Override
    public void initialize(MessagePolicy requestPolicy, MessagePolicy responsePolicy, CallbackHandler handler,
                           @SuppressWarnings("rawtypes") Map options) {
        this.container = handler;
    }

    @Override
    public Class<?>[] getSupportedMessageTypes() {
        return MESSAGE_TYPES.clone();
    }

    @Override
    public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service) throws AuthException {
        try {
            container.handle(new Callback[] {new CallerPrincipalCallback(client, CALLER),
                    new GroupPrincipalCallback(client, new String[] {"users"})});
        } catch (IOException | UnsupportedCallbackException e) {
            throw (AuthException) new AuthException("the container refused the caller").initCause(e);
        }
        return AuthStatus.SUCCESS;
    }

    @Override
    public AuthStatus secureResponse(MessageInfo message, Subject service) {
        return AuthStatus.SEND_SUCCESS;
    }

    @Override
    public void cleanSubject(MessageInfo message, Subject subject) {
        if (subject != null) {
            subject.getPrincipals().clear();
        }
    }
}

package io.gatehouse.runtime.dispatch;

import io.gatehouse.runtime.configuration.Configuration;
import io.gatehouse.runtime.configuration.ServicePaths;
import io.gatehouse.runtime.identity.CallerCredentials;
import io.gatehouse.runtime.identity.CertificateAuthModule;
import io.gatehouse.runtime.streaming.UploadBody;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.TimeUnit;

/**
 * The limits that keep a call bounded whoever sends it, as MicroProfile Config settings (README, "Limits"). A
 * caller the registry does not know gets a small body limit; a registered one a large one. Both are counted over
 * the whole body (all multipart parts together) and again after decompression.
 */
@Dependent
public class CallLimits {

    /** The body limit for registered callers (users and hosts), in bytes. */
    @Inject
    @ConfigProperty(name = "gatehouse.max-body-bytes", defaultValue = "16777216")
    long registeredBodyBytes;

    /** The body limit for visitors: no certificate, or a DN the registry does not know. */
    @Inject
    @ConfigProperty(name = "gatehouse.max-body-bytes.visitor", defaultValue = "1048576")
    long visitorBodyBytes;

    /** The upload limit of a service that sets none (its option {@code MaxUploadBytes}), for registered callers. */
    @Inject
    @ConfigProperty(name = "gatehouse.max-upload-bytes", defaultValue = "1073741824")
    long defaultUploadBytes;

    @Inject
    Configuration configuration;

    /** The slowest average rate of a streamed upload once its first {@code gatehouse.body-timeout-seconds}. */
    @Inject
    @ConfigProperty(name = "gatehouse.upload.min-bytes-per-second", defaultValue = "16384")
    long uploadMinBytesPerSecond;

    @Inject
    @ConfigProperty(name = "gatehouse.body-timeout-seconds", defaultValue = "30")
    long bodyTimeoutSeconds;

    /** How deep arrays and objects may nest in {@code args}, {@code extraCredentials} and replies. */
    @Inject
    @ConfigProperty(name = "gatehouse.max-json-depth", defaultValue = "64")
    int maxJsonDepth;

    /** The body limit for the caller of this request, from the credentials the authentication step resolved. */
    public long maxBodyBytes(HttpServletRequest request) {
        return CertificateAuthModule.credentials(request).validDN() ? registeredBodyBytes
                : visitorBodyBytes;
    }

    /**
     * The most a streamed upload to {@code service} may hold: the service's option {@code MaxUploadBytes}, else
     * {@code gatehouse.max-upload-bytes}; for a visitor, no more than the visitor's body limit.
     */
    public long maxUploadBytes(String service, CallerCredentials caller) {
        long limit = configuration.option(ServicePaths.serviceSection(service) + "MaxUploadBytes")
                .map(String::trim).map(CallLimits::bytes).orElse(defaultUploadBytes);
        return caller.validDN() ? limit : Math.min(limit, visitorBodyBytes);
    }

    /** How slowly a streamed upload may arrive ({@link UploadBody.Pace}). */
    public UploadBody.Pace uploadPace() {
        return new UploadBody.Pace(uploadMinBytesPerSecond, TimeUnit.SECONDS.toNanos(bodyTimeoutSeconds),
                System::nanoTime);
    }

    private static Long bytes(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** How deep arrays and objects may nest in JSON read from or written to a caller. */
    public int maxJsonDepth() {
        return maxJsonDepth;
    }
}

package io.gatehouse.client;

import eu.emi.security.authn.x509.proxy.ProxyUtils;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import io.gatehouse.config.trust.GridChainValidator;

/**
 * Decides whether the client talks to a server: its chain must be valid for the client's trust (canl's grid
 * validation: trust anchors, signatures, validity, CRLs), its leaf a host certificate usable for a TLS server, and
 * the leaf must be for the host in the URL.
 *
 * <p>The host check is done here, always. The JDK adds the HTTPS identity check itself only around trust managers
 * that are not {@link X509ExtendedTrustManager}s; an extended one, like this, is trusted to do it, and
 * {@code HttpClient} merely sets the endpoint identification algorithm on the engine (and not even that when
 * {@code jdk.internal.httpclient.disableHostnameVerification} is set). So the host name is taken from the engine
 * and checked whatever that algorithm says.
 */
final class ServerTrustManager extends X509ExtendedTrustManager {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    private final GridChainValidator validator;
    private final String trustDescription;

    ServerTrustManager(GridChainValidator validator, String trustDescription) {
        this.validator = validator;
        this.trustDescription = trustDescription;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, engine == null ? null : engine.getPeerHost());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        String host = null;
        if (socket instanceof SSLSocket ssl) {
            SSLSession session = ssl.getHandshakeSession();
            host = session != null ? session.getPeerHost() : null;
        }
        check(chain, host);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        // Without an engine or a socket there is no host to check the certificate against: refuse.
        check(chain, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager only checks servers");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("this trust manager only checks servers");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("this trust manager only checks servers");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return validator.trustedIssuers();
    }

    void check(X509Certificate[] chain, String host) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server presented no certificate");
        }
        X509Certificate leaf = chain[0];
        String subject = ClientCredentials.dn(leaf);
        if (ProxyUtils.isProxy(leaf)) {
            throw new CertificateException("the server presented a proxy certificate (" + subject
                    + "); a server must present a host certificate");
        }
        Optional<String> refusal = validator.refusal(chain);
        if (refusal.isPresent()) {
            throw new CertificateException("the server certificate " + subject + " is not trusted by "
                    + trustDescription + ": " + refusal.get());
        }
        List<String> purposes;
        try {
            purposes = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new CertificateException("the server certificate " + subject
                    + " has an unreadable extended key usage: " + e.getMessage(), e);
        }
        if (purposes != null && !purposes.contains(SERVER_AUTH) && !purposes.contains(ANY_EXTENDED_KEY_USAGE)) {
            throw new CertificateException("the server certificate " + subject
                    + " is not for TLS servers (its extended key usage lacks serverAuth)");
        }
        Optional<String> mismatch = HostnameRules.mismatch(host, leaf);
        if (mismatch.isPresent()) {
            throw new CertificateException("the server certificate " + subject + " does not match the host name: "
                    + mismatch.get());
        }
    }
}

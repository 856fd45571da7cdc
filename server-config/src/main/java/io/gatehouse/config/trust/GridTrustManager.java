package io.gatehouse.config.trust;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A TLS trust manager that accepts exactly the chains a grid site accepts, grid proxies included, where the
 * JDK's PKIX trust manager refuses every proxy ("keyCertSign bit is not set").
 */
public final class GridTrustManager extends X509ExtendedTrustManager {

    private static final Logger LOG = Logger.getLogger(GridTrustManager.class.getName());

    private final GridChainValidator validator;

    public GridTrustManager(GridChainValidator validator) {
        this.validator = validator;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, "client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, "client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, "client");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, "server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, "server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, "server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return validator.trustedIssuers();
    }

    private void check(X509Certificate[] chain, String side) throws CertificateException {
        Optional<String> refusal = validator.refusal(chain);
        if (refusal.isPresent()) {
            String subject = chain == null || chain.length == 0 ? "(none)" : chain[0].getSubjectX500Principal().toString();
            // The server side of a failed handshake is otherwise silent: say who was refused and why.
            LOG.warning(() -> "refused " + side + " certificate " + subject + ": " + refusal.get());
            throw new CertificateException("refused: " + refusal.get());
        }
    }
}

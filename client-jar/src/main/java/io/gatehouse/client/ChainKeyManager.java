package io.gatehouse.client;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * Presents the client's one chain in every handshake, whatever CA names the server lists in its certificate
 * request. The JDK's own key managers choose only a chain whose issuers are among those names, and a grid proxy's
 * issuer is the user, never a CA: they would silently present nothing, and the server would see a visitor.
 * The only filter kept is the key's algorithm, which the handshake needs to sign with.
 */
final class ChainKeyManager extends X509ExtendedKeyManager {

    static final String ALIAS = "gatehouse-client";

    private final X509Certificate[] chain;
    private final PrivateKey key;

    ChainKeyManager(ClientCredentials credentials) {
        this.chain = credentials.chain().toArray(new X509Certificate[0]);
        this.key = credentials.key().orElse(null);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return suits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return choose(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return choose(keyTypes);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return key != null && ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return key != null && ALIAS.equals(alias) ? key : null;
    }

    private String choose(String[] keyTypes) {
        if (key == null) {
            return null;
        }
        if (keyTypes == null || keyTypes.length == 0) {
            return ALIAS;
        }
        for (String keyType : keyTypes) {
            if (suits(keyType)) {
                return ALIAS;
            }
        }
        return null;
    }

    /** Whether the key can serve a key type the handshake asks for ("RSA", "EC", or TLS 1.2's "EC_EC" forms). */
    private boolean suits(String keyType) {
        if (key == null) {
            return false;
        }
        if (keyType == null) {
            return true;
        }
        String algorithm = key.getAlgorithm().toUpperCase(Locale.ROOT);
        String wanted = keyType.toUpperCase(Locale.ROOT);
        return wanted.equals(algorithm) || wanted.startsWith(algorithm + "_");
    }
}

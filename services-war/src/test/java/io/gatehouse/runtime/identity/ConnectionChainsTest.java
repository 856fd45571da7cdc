package io.gatehouse.runtime.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.servlet.ServletConnection;
import jakarta.servlet.http.HttpServletRequest;

import java.lang.reflect.Proxy;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ConnectionChainsTest {

    private final ConnectionChains chains = new ConnectionChains();
    /** How often the container's certificate attribute was read. */
    private final AtomicInteger reads = new AtomicInteger();

    /** A request on a connection (null: the container names none) presenting a chain (null: none). */
    private HttpServletRequest request(String connectionId, boolean secure, X509Certificate[] presented) {
        ServletConnection connection = (ServletConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServletConnection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getConnectionId" -> connectionId;
                    case "isSecure" -> secure;
                    default -> null;
                });
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isSecure" -> secure;
                    case "getServletConnection" -> connection;
                    case "getAttribute" -> {
                        if ("jakarta.servlet.request.X509Certificate".equals(args[0])) {
                            reads.incrementAndGet();
                            yield presented;
                        }
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static X509Certificate[] chain() {
        return new X509Certificate[1]; // identity matters here, not content
    }

    @Test
    void aConnectionsChainIsReadFromTheContainerOnce() {
        X509Certificate[] first = chain();
        assertSame(first, chains.presented(request("7", true, first)));
        // Later requests on connection 7 get the chain it presented, without asking the container again.
        assertSame(first, chains.presented(request("7", true, chain())));
        assertSame(first, chains.presented(request("7", true, null)));
        assertEquals(1, reads.get());
    }

    @Test
    void anotherConnectionIsReadAfresh() {
        X509Certificate[] first = chain();
        X509Certificate[] second = chain();
        chains.presented(request("1", true, first));
        assertSame(second, chains.presented(request("2", true, second)));
        assertEquals(2, reads.get());
    }

    @Test
    void aConnectionWithoutACertificateIsNotRemembered() {
        assertNull(chains.presented(request("3", true, null)));
        assertNull(chains.presented(request("3", true, new X509Certificate[0])));
        X509Certificate[] later = chain();
        assertSame(later, chains.presented(request("3", true, later)));
        assertEquals(3, reads.get());
    }

    @Test
    void withoutAConnectionNameOrTlsEveryRequestIsRead() {
        X509Certificate[] first = chain();
        chains.presented(request(null, true, first));
        X509Certificate[] second = chain();
        assertSame(second, chains.presented(request(null, true, second)));
        chains.presented(request("9", false, first));
        chains.presented(request("9", false, first));
        assertEquals(4, reads.get());
        assertEquals(0, chains.size());
    }

    @Test
    void theTableIsBounded() {
        for (int i = 0; i < ConnectionChains.MAX_CONNECTIONS + 5; i++) {
            chains.presented(request("c" + i, true, chain()));
        }
        assertEquals(5, chains.size());
    }
}

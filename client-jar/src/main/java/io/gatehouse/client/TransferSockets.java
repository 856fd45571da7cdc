package io.gatehouse.client;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The TLS sockets of file transfers, for {@code HttpsURLConnection}: only the protocols given (TLS 1.3 and 1.2) are
 * offered, and the endpoint identification algorithm is HTTPS, so that the JDK leaves the host name check to the
 * context's {@link ServerTrustManager}, which does it in its {@code Socket} overload from the host of the URL.
 *
 * <p>Unconnected sockets are not made here ({@link #createSocket()} is not overridden), so the JDK connects a plain
 * socket itself, with the connection's connect timeout, and asks for TLS to be layered over it: the plain socket
 * is remembered ({@link #lastPlainSocket()}), for an upload whose writes stall to be cut off (closing the TLS
 * socket from another thread would wait for the blocked write).
 *
 * <p>The JDK keeps connections alive per factory: connections made with one factory are reused only by
 * connections given the same factory.
 */
final class TransferSockets extends SSLSocketFactory {

    private final SSLSocketFactory tls;
    private final String[] protocols;
    private volatile Socket lastPlainSocket;

    TransferSockets(SSLSocketFactory tls, String[] protocols) {
        this.tls = tls;
        this.protocols = protocols.clone();
    }

    /**
     * Another factory over the same TLS context (the same TLS sessions) whose connections are its own: given to
     * one connection, it makes that connection's socket, never lends it a kept-alive connection of another, and
     * {@link #lastPlainSocket()} is that connection's.
     */
    TransferSockets forOneConnection() {
        return new TransferSockets(tls, protocols);
    }

    /** The plain socket under the last TLS socket made, or null. */
    Socket lastPlainSocket() {
        return lastPlainSocket;
    }

    @Override
    public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
        lastPlainSocket = plain;
        SSLSocket socket = (SSLSocket) tls.createSocket(plain, host, port, autoClose);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(protocols.clone());
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return createSocket(connected(new InetSocketAddress(host, port), null), host, port, true);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort)),
                host, port, true);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        // The address, never a reverse lookup, is what the certificate is checked against.
        return createSocket(connected(new InetSocketAddress(host, port), null), host.getHostAddress(), port, true);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return createSocket(connected(new InetSocketAddress(address, port),
                new InetSocketAddress(localAddress, localPort)), address.getHostAddress(), port, true);
    }

    private static Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = new Socket();
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return tls.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
    }
}

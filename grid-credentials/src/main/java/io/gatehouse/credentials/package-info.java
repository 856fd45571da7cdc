/**
 * Grid credentials as users and clients hold them: certificates and keys in PEM files and PKCS#12 stores, grid
 * proxy files ({@code /tmp/x509up_u<uid>}), and the making of RFC 3820 and legacy Globus proxies
 * ({@link io.gatehouse.credentials.ProxyIssuer}), as the command line's {@code proxy-init} and {@code proxy-info} and
 * the Java client use them.
 *
 * <p>Production code: everything here makes or reads valid credentials only. The development PKI and the
 * invalid chains of the negative tests are made elsewhere (the {@code test-pki} module), which is never deployed.
 */
package io.gatehouse.credentials;

/**
 * The development and test PKI, for development and tests only: never deployed, never on a production server's
 * class path. {@link io.gatehouse.testpki.DevPki} makes the PKI of {@code bin/dev-server}, {@code bin/bench} and the
 * integration tests (a CA and its CA directory, host and user credentials, proxies, revocations);
 * {@link io.gatehouse.testpki.TestChains} is the catalogue of good and hostile chains the trust manager is tested
 * against; {@link io.gatehouse.testpki.ProxyForgery} makes the invalid proxies of that catalogue, reusing the
 * production proxy layout of {@code io.gatehouse.credentials} and changing only what each test needs.
 *
 * <p>Modules use it with {@code <scope>test</scope>}; only the development scripts run {@code DevPki} from this
 * module's jar and {@code target/lib}.
 */
package io.gatehouse.testpki;

/**
 * The API a Gatehouse service author codes against.
 *
 * <p>A service is a CDI bean annotated with {@link io.gatehouse.api.Handler}; each method callable over the
 * wire carries {@link io.gatehouse.api.Export}, with the DIRAC authorization rule that guards it:
 *
 * <pre>{@code
 * @Handler("Framework/Hello")
 * public class HelloHandler {
 *     @Export(auth = "all")
 *     public String sayHello(String name) {
 *         return "Hello, " + name;
 *     }
 * }
 * }</pre>
 *
 * <p>A method returns a plain value (sent as {@code S_OK}), a {@link io.gatehouse.api.Result} (either), or
 * throws {@link io.gatehouse.api.ServiceException} (sent as {@code S_ERROR}). The caller is available as an
 * injected {@link io.gatehouse.api.Credentials}, the service's configuration as an injected
 * {@link io.gatehouse.api.ServiceOptions}. Files go through {@code io.gatehouse.api.files} (a method returns a
 * {@code Download}, or reads an upload through an {@code InputStream} parameter), stable connections through
 * {@code io.gatehouse.api.messaging}.
 */
package io.gatehouse.api;

/**
 * The Gatehouse runtime, one package per step of a call:
 * {@code identity} (who is calling, from the TLS chain and the registry),
 * {@code dispatch} (the route, the form, the arguments, the reply),
 * {@code authorization} (the method's rule, enforced by an interceptor),
 * {@code json} (DIRAC's JEncode dialect),
 * {@code configuration} (the DIRAC-style option tree),
 * and {@code services}, the services bundled with the runtime.
 */
package io.gatehouse.runtime;

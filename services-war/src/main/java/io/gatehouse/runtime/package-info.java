/**
 * The Gatehouse runtime, one package per step of a call:
 * {@code identity} (who is calling, from the TLS chain and the registry),
 * {@code dispatch} (the route, the form, the arguments, the reply),
 * {@code authorization} (the method's rule, enforced by an interceptor),
 * {@code configuration} (the DIRAC-style option tree),
 * and {@code services}, the services bundled with the runtime. DIRAC's JSON dialect (JEncode) lives in the
 * client jar's {@code io.gatehouse.jencode}, shared by both ends of a call.
 */
package io.gatehouse.runtime;

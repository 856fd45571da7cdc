/**
 * The Gatehouse runtime, one package per step of a call:
 * {@code identity} (who is calling, from the TLS chain and the registry),
 * {@code dispatch} (the route, the form, the arguments, the reply),
 * {@code authorization} (the method's rule, enforced by an interceptor),
 * {@code configuration} (the DIRAC-style option tree),
 * {@code messaging} (stable connections and calls into clients),
 * {@code streaming} (file downloads and uploads, with their checksums),
 * {@code monitoring} (health and metrics),
 * and {@code services}, the services bundled with the runtime. DIRAC's JSON dialect (JEncode), the error numbers and
 * the one-line DN form live in handler-api's {@code io.gatehouse.api.wire}, the contract both ends of a call share.
 */
package io.gatehouse.runtime;

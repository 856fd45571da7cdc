/**
 * The services bundled with the runtime: {@code Framework/Hello}, the example handler of the README, and
 * {@code Framework/PingPong}, the example of stable connections.
 */
package io.gatehouse.runtime.services;

/**
 * Stable connections: a service's declared messages ({@link io.gatehouse.runtime.messaging.MessagingDeclaration},
 * read once at deployment), the WebSocket endpoint that authenticates a connection and carries its frames
 * ({@link io.gatehouse.runtime.messaging.ConnectionEndpoint}, frame format in {@link
 * io.gatehouse.runtime.messaging.Frames}), the registry of live connections behind an interface
 * ({@link io.gatehouse.runtime.messaging.ConnectionRegistry}), and calls into connected clients with their HTTP
 * relay.
 */
package io.gatehouse.runtime.messaging;

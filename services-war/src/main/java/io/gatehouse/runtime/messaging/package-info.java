/**
 * Stable connections: a service's declared messages ({@link io.gatehouse.runtime.messaging.MessagingDeclaration},
 * read once at deployment), the WebSocket endpoint that authenticates a connection and carries its frames
 * ({@link io.gatehouse.runtime.messaging.ConnectionEndpoint}, the protocol in
 * {@link io.gatehouse.runtime.messaging.ConnectionService}, the frames in handler-api's
 * {@link io.gatehouse.api.wire.ConnectionFrames}), the registry of live connections behind an interface
 * ({@link io.gatehouse.runtime.messaging.ConnectionRegistry}), the {@code Connections} handlers inject
 * ({@link io.gatehouse.runtime.messaging.ServiceConnections}) and calls into connected clients
 * ({@link io.gatehouse.runtime.messaging.ClientCalls}; their HTTP relay is a route of the dispatch package).
 */
package io.gatehouse.runtime.messaging;

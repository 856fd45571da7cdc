/**
 * The Gatehouse client library: calls to the DIRAC-style services at {@code https://host:port/<System>/<Component>}
 * over mutual TLS, with grid credentials (proxies, certificates) and grid trust (CA directories with CRLs).
 *
 * <p>Start with {@link io.gatehouse.client.GatehouseClient#builder()}: {@link io.gatehouse.client.GatehouseClient#call}
 * returns a {@link io.gatehouse.client.CallResult} for every answer (DIRAC's {@code S_OK}/{@code S_ERROR}),
 * {@link io.gatehouse.client.GatehouseClient#typed} makes a typed client out of a Java interface. The wire contract
 * is {@code PROTOCOL.md}; arguments and values travel in DIRAC's JSON dialect through
 * {@link io.gatehouse.api.wire.JEncode}, the codec the server uses.
 *
 * <p>Files: {@link io.gatehouse.client.GatehouseClient#receiveFile} and
 * {@link io.gatehouse.client.GatehouseClient#sendFile} stream downloads and uploads at constant memory, verified by
 * adler32 and SHA-256 against the server's checksum, a download resuming where it was cut short
 * ({@link io.gatehouse.client.TransferOptions}, {@link io.gatehouse.client.FileTransfer}).
 *
 * <p>{@link io.gatehouse.client.GatehouseClient#describe()} and {@link io.gatehouse.client.GatehouseClient#services()}
 * read what a server says about its services: methods, signatures, docs and rules
 * ({@link io.gatehouse.client.description}).
 *
 * <p>{@link io.gatehouse.client.MessageClient} holds a stable connection to a service (messages both ways,
 * reconnection, calls from the service into the client, such as {@link io.gatehouse.client.LocalFiles}'s).
 */
package io.gatehouse.client;

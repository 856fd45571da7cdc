/**
 * What a Gatehouse server says about its services, as Java records: {@link
 * io.gatehouse.client.description.ServerDescription} (the answer of {@code GET /}: the server and its services) and
 * {@link io.gatehouse.client.description.ServiceDescription} (the answer of {@code GET /<System>/<Component>}: a
 * service's methods with their signatures, docs and effective authorization rules, and its messages).
 *
 * <p>JSON-B binds the server's JSON to them ({@link io.gatehouse.client.GatehouseClient#describe(String)},
 * {@link io.gatehouse.client.GatehouseClient#services()}); members the client does not know are ignored, so that a
 * newer server's descriptions still read.
 */
package io.gatehouse.client.description;

/**
 * The deployed services as an OpenAPI 3 document, served by the server's own MicroProfile OpenAPI at
 * {@code /openapi} so that standard tools (Swagger UI, code generators) show and call them.
 *
 * <p>The servers create the model reader ({@link io.gatehouse.runtime.description.openapi.ServicesModelReader}) and
 * the filter ({@link io.gatehouse.runtime.description.openapi.StandardFieldsFilter}) by reflection, outside CDI, so
 * the service table reaches them through {@link io.gatehouse.runtime.description.openapi.PublishedServices}, filled
 * by the handler extension as soon as the table is built. {@link io.gatehouse.runtime.description.openapi.OpenApiDocument}
 * turns the services' declarations into the document; it is pure, and tested without a server.
 *
 * <p>The document is built once (Payara: on the first request for it; WildFly: at deployment), so the rules in it are
 * those the code declares; {@code GET /<System>/<Component>} gives the rules in force.
 */
package io.gatehouse.runtime.description.openapi;

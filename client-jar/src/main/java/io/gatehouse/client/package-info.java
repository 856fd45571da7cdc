/**
 * The Gatehouse client: calls to {@code https://host:port/<System>/<Component>} services from Java programs and
 * the command line. Its library and command line are the subject of their own issue; this module holds its
 * place in the build.
 */
package io.gatehouse.client;

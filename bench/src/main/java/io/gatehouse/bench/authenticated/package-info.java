/**
 * The benchmark's second baseline, {@code /reference-auth}: the same plain echo resource in an application that has
 * the container duties Gatehouse has (CDI switched on, every request authenticated by a Jakarta Authentication
 * module), so that the table shows how much of Gatehouse's cost those duties are. Used only by that WAR.
 */
package io.gatehouse.bench.authenticated;

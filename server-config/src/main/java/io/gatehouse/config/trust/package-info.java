/**
 * The grid trust manager: the JCA provider ({@code GatehouseGrid}) that checks the chains clients present to the
 * server's TLS listener, with canl's proxy-aware validation over an OpenSSL-style CA directory (CRLs, namespace
 * policies), and the Java agent that installs it ({@code -javaagent:server-config.jar}).
 *
 * <p>The agent jar, on the system class path of every production server, holds this package alone; its libraries
 * (canl, Bouncy Castle) are in {@code lib/} beside it.
 */
package io.gatehouse.config.trust;

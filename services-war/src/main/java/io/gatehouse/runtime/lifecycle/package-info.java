/**
 * Startup work of the services ({@link io.gatehouse.api.Initialize}, DIRAC's {@code initializeHandler}): the one
 * initialization method each handler may declare ({@link io.gatehouse.runtime.lifecycle.StartupMethod}, read at
 * deployment), the state of each service's initialization with its retries and their backoff ({@link
 * io.gatehouse.runtime.lifecycle.Initialization}, pure logic), the runtime that runs the attempts on the server's
 * managed executor and holds calls to a service that is not ready ({@link
 * io.gatehouse.runtime.lifecycle.ServiceStartup}), and the readiness check that reports them ({@link
 * io.gatehouse.runtime.lifecycle.ServicesReadiness}).
 */
package io.gatehouse.runtime.lifecycle;

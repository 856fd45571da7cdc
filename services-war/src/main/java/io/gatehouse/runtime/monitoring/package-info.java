/**
 * What a server's operators watch, the same on every server: the calls each service method answered (counts,
 * errors by status, a latency histogram) in Prometheus text at {@code GET /gatehouse-metrics} ({@link
 * io.gatehouse.runtime.monitoring.CallMetrics}), and MicroProfile Health checks: readiness (the configuration file
 * read, the grid trust material present, no stale CRL) and liveness (the configuration still refreshed).
 */
package io.gatehouse.runtime.monitoring;

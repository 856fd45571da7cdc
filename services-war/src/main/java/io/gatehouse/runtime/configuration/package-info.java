/**
 * DIRAC's option tree: the CFG file and MicroProfile Config overrides merged into immutable snapshots that a
 * background task publishes ({@link io.gatehouse.runtime.configuration.Configuration}), the registry read from it
 * ({@link io.gatehouse.runtime.configuration.Registry}), and each handler's own options.
 */
package io.gatehouse.runtime.configuration;

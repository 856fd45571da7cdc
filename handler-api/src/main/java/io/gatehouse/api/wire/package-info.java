/**
 * The wire contract both ends of a call share (PROTOCOL.md §4, §5, §7): DIRAC's JSON dialect JEncode
 * ({@link io.gatehouse.api.wire.JEncode}: tagged dates, datetimes and bytes, argument binding into Java types),
 * and the one-line DN form DIRAC's registry matches ({@link io.gatehouse.api.wire.OpenSslNames}). The server
 * runtime and the client jar both use it from here; DIRAC's error numbers are {@link io.gatehouse.api.Errors}.
 */
package io.gatehouse.api.wire;

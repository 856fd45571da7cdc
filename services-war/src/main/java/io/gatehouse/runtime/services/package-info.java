/** The services bundled with the runtime: {@code Framework/Hello}, the example handler of the README. */
package io.gatehouse.runtime.services;

package io.gatehouse.runtime.dispatch;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS application at the root of the context, so services answer at {@code /<System>/<Component>}.
 * Multipart calls use the standard {@code EntityPart} API, so nothing here is specific to one server.
 */
@ApplicationPath("/")
public class GatehouseApplication extends Application {
}

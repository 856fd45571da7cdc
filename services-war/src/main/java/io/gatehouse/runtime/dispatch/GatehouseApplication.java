package io.gatehouse.runtime.dispatch;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS application at the root of the context, so services answer at {@code /<System>/<Component>}.
 * {@code web.xml} maps it to {@code /*} with a multipart configuration.
 */
@ApplicationPath("/")
public class GatehouseApplication extends Application {
}

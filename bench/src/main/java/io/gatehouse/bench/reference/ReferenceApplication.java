package io.gatehouse.bench.reference;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The reference's JAX-RS application, at the root of its own context ({@code /reference}). */
@ApplicationPath("/")
public class ReferenceApplication extends Application {
}

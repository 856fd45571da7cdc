package io.gatehouse.runtime.description.openapi;

import io.gatehouse.runtime.dispatch.Version;

import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import java.util.logging.Logger;

/**
 * The OpenAPI model of the deployed services, named by {@code mp.openapi.model.reader} in the WAR's
 * {@code META-INF/microprofile-config.properties}. The server creates it by reflection and calls it once.
 */
public class ServicesModelReader implements OASModelReader {

    private static final Logger LOG = Logger.getLogger(ServicesModelReader.class.getName());
    private static final String PRODUCT = "Gatehouse ";

    @Override
    public OpenAPI buildModel() {
        if (!PublishedServices.published()) {
            // Still a valid document: the server's own paths, no services.
            LOG.warning("Gatehouse: the OpenAPI document was built before the service table; it lists no service");
        }
        return OpenApiDocument.build(version(), PublishedServices.services());
    }

    /** The runtime's version alone ({@code Version.text()} is {@code Gatehouse <version>}). */
    static String version() {
        String text = Version.text();
        return text.startsWith(PRODUCT) ? text.substring(PRODUCT.length()) : text;
    }
}

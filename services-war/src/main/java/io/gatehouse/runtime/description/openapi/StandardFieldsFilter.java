package io.gatehouse.runtime.description.openapi;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.ExternalDocumentation;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.info.Contact;
import org.eclipse.microprofile.openapi.models.info.Info;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the served document to the OpenAPI schema, so that validating tools take it: the servers add parts of their
 * own that the schema refuses. Named by {@code mp.openapi.filter}; the servers run it last.
 * <ul>
 * <li>Payara 6 adds a top-level {@code endpoints} field (its own, not in the MicroProfile API). It is emptied through
 * Payara's own setter, found by reflection (Payara leaves empty fields out).</li>
 * <li>WildFly adds an empty {@code info.license}, {@code info.contact} and {@code externalDocs} when the application
 * sets none; a license without a name and external docs without a URL are invalid. Empty ones are removed.</li>
 * </ul>
 */
public class StandardFieldsFilter implements OASFilter {

    private static final Logger LOG = Logger.getLogger(StandardFieldsFilter.class.getName());

    @Override
    public void filterOpenAPI(OpenAPI document) {
        emptyPayaraEndpoints(document);
        Info info = document.getInfo();
        if (info != null) {
            if (info.getLicense() != null && info.getLicense().getName() == null) {
                info.setLicense(null);
            }
            Contact contact = info.getContact();
            if (contact != null && contact.getName() == null && contact.getUrl() == null
                    && contact.getEmail() == null) {
                info.setContact(null);
            }
        }
        ExternalDocumentation externalDocs = document.getExternalDocs();
        if (externalDocs != null && externalDocs.getUrl() == null) {
            document.setExternalDocs(null);
        }
    }

    private static void emptyPayaraEndpoints(OpenAPI document) {
        Method setter;
        try {
            setter = document.getClass().getMethod("setEndpoints", Map.class);
        } catch (NoSuchMethodException e) {
            return;
        }
        try {
            // Empty, not null: Payara copies the map when it serves the document.
            setter.invoke(document, new HashMap<>());
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Gatehouse: cannot empty the OpenAPI document's endpoints field", e);
        }
    }
}

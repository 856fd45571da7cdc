package io.gatehouse.runtime.description.openapi;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the served document to the OpenAPI schema: Payara 6 adds a top-level {@code endpoints} field (its own, not in
 * the MicroProfile API) that the schema does not allow, so a validating tool would reject the whole document. It is
 * cleared here, through Payara's own setter, found by reflection; on other servers there is nothing to clear.
 * Named by {@code mp.openapi.filter}.
 */
public class StandardFieldsFilter implements OASFilter {

    private static final Logger LOG = Logger.getLogger(StandardFieldsFilter.class.getName());

    @Override
    public void filterOpenAPI(OpenAPI document) {
        Method setter;
        try {
            setter = document.getClass().getMethod("setEndpoints", Map.class);
        } catch (NoSuchMethodException e) {
            return;
        }
        try {
            setter.invoke(document, (Object) null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Gatehouse: cannot clear the OpenAPI document's endpoints field", e);
        }
    }
}

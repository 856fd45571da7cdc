package io.gatehouse.runtime.description.openapi;

import io.smallrye.openapi.api.models.OpenAPIImpl;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the filter takes out of a served document, and what it leaves. */
class StandardFieldsFilterTest {

    /** A model with Payara's extra field (the real one is Payara's own OpenAPIImpl). */
    public static class WithEndpoints extends OpenAPIImpl {
        Map<String, Set<String>> endpoints = Map.of("/", Set.of("/Framework/Hello"));

        public void setEndpoints(Map<String, Set<String>> endpoints) {
            this.endpoints = endpoints;
        }
    }

    @Test
    void payarasEndpointsAreEmptiedNotNulled() {
        WithEndpoints document = new WithEndpoints();
        new StandardFieldsFilter().filterOpenAPI(document);
        assertEquals(Map.of(), document.endpoints, "empty: Payara copies the map when it serves the document");
    }

    @Test
    void emptyLicenceContactAndExternalDocsAreRemoved() {
        OpenAPI document = OASFactory.createOpenAPI()
                .info(OASFactory.createInfo().title("t").version("1")
                        .license(OASFactory.createLicense()).contact(OASFactory.createContact()))
                .externalDocs(OASFactory.createExternalDocumentation());
        new StandardFieldsFilter().filterOpenAPI(document);
        assertNull(document.getInfo().getLicense());
        assertNull(document.getInfo().getContact());
        assertNull(document.getExternalDocs());
        assertEquals("t", document.getInfo().getTitle());
    }

    @Test
    void realOnesAreKept() {
        OpenAPI document = OASFactory.createOpenAPI()
                .info(OASFactory.createInfo().title("t").version("1")
                        .license(OASFactory.createLicense().name("Apache-2.0"))
                        .contact(OASFactory.createContact().email("ops@example.org")))
                .externalDocs(OASFactory.createExternalDocumentation().url("https://example.org/docs"))
                .servers(List.of(OASFactory.createServer().url("/")));
        new StandardFieldsFilter().filterOpenAPI(document);
        assertEquals("Apache-2.0", document.getInfo().getLicense().getName());
        assertNotNull(document.getInfo().getContact());
        assertEquals("https://example.org/docs", document.getExternalDocs().getUrl());
    }
}

package io.gatehouse.runtime.description;

import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who gets the browser page at {@code GET /} and who gets the JSON list (the types as JAX-RS sorts them). */
class DescriptionResourceTest {

    @Test
    void aBrowserGetsThePage() {
        // Chromium's and Firefox's navigation Accept, sorted by quality as JAX-RS gives them.
        assertTrue(DescriptionResource.prefersHtml(List.of(MediaType.TEXT_HTML_TYPE,
                MediaType.APPLICATION_XHTML_XML_TYPE, new MediaType("image", "avif"), MediaType.WILDCARD_TYPE)));
        assertTrue(DescriptionResource.prefersHtml(List.of(MediaType.APPLICATION_XHTML_XML_TYPE)));
    }

    @Test
    void scriptsAndToolsGetJson() {
        assertFalse(DescriptionResource.prefersHtml(List.of(MediaType.WILDCARD_TYPE)), "curl");
        assertFalse(DescriptionResource.prefersHtml(List.of(MediaType.APPLICATION_JSON_TYPE)), "fetch from the page");
        assertFalse(DescriptionResource.prefersHtml(List.of()), "no Accept");
        assertFalse(DescriptionResource.prefersHtml(List.of(MediaType.APPLICATION_JSON_TYPE,
                MediaType.TEXT_HTML_TYPE)), "JSON preferred");
        assertFalse(DescriptionResource.prefersHtml(List.of(new MediaType("text", "*"), MediaType.TEXT_HTML_TYPE)),
                "a wildcard first");
    }
}

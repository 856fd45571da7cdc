package io.gatehouse.runtime.description;

import io.gatehouse.api.Export;
import io.gatehouse.api.Result;
import io.gatehouse.api.files.Download;
import io.gatehouse.runtime.dispatch.ExportedMethod;

import jakarta.annotation.Nullable;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the code declares, described: signatures, optional and nullable arguments, return values, transfers. */
class ServiceDescriberTest {

    /** A handler's methods, as a service author writes them. */
    public static class Sample {

        @Export(auth = "all", doc = "  Reads part of a file.  ")
        public Download read(String path, Optional<Long> offset) {
            return null;
        }

        @Export(auth = "NormalUser")
        public Result<List<String>> store(String path, InputStream content) {
            return null;
        }

        @Export
        public String append(String path, Optional<Long> at, InputStream content) {
            return null;
        }

        @Export
        public void forget(@Nullable String key) {
        }

        @Export(name = "sum.all")
        public long sum(List<Integer> values, Map<String, Double> weights) {
            return 0;
        }
    }

    private static ServiceDescription.Method declared(String javaName) {
        Method method = Arrays.stream(Sample.class.getMethods()).filter(m -> m.getName().equals(javaName))
                .findFirst().orElseThrow();
        Export export = method.getAnnotation(Export.class);
        String name = export.name().isEmpty() ? method.getName() : export.name();
        return ServiceDescriber.declared(ExportedMethod.of("Test/Sample", name, method, List.of(export.auth())),
                false);
    }

    @Test
    void aDownloadWithAnOptionalOffset() {
        ServiceDescription.Method read = declared("read");
        assertEquals("read(path: string, offset?: integer) -> file", read.signature());
        assertEquals("download", read.transfer());
        assertFalse(read.parameters().get(0).optional());
        assertTrue(read.parameters().get(1).optional());
        assertTrue(read.parameters().get(1).nullable());
        assertEquals("Reads part of a file.", read.doc(), "the annotation's doc, trimmed");
        assertEquals(Map.of("type", "string", "format", "binary"), read.returns().schema());
    }

    @Test
    void anUploadShowsOnlyTheArgumentsSentInTheQuery() {
        ServiceDescription.Method store = declared("store");
        assertEquals("store(path: string) -> list<string>", store.signature(), "a Result's value; no stream");
        assertEquals("upload", store.transfer());
        assertEquals(1, store.parameters().size());
        assertNull(store.doc());
        assertEquals("append(path: string, at?: integer) -> string", declared("append").signature(),
                "an Optional before the stream may be left out");
    }

    @Test
    void voidNullableAndExportedNames() {
        ServiceDescription.Method forget = declared("forget");
        assertEquals("forget(key: string) -> null", forget.signature());
        assertTrue(forget.parameters().get(0).nullable());
        assertFalse(forget.parameters().get(0).optional(), "nullable is not optional: it must be sent");
        assertEquals("none", forget.transfer());
        assertEquals("sum.all(values: list<integer>, weights: map<string,number>) -> integer",
                declared("sum").signature());
    }
}

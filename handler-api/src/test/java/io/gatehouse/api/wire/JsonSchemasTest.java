package io.gatehouse.api.wire;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class JsonSchemasTest {

    public record Point(int x, int y, String label) {
    }

    /** A record that holds itself: described once, then named. */
    public record Tree(String name, List<Tree> children) {
    }

    public enum Color { RED, GREEN }

    @SuppressWarnings("unused")
    private static void declarations(List<String> names, Map<String, List<Integer>> groups, Map<Long, String> byId,
                                     Optional<Point> maybe, Set<Color> colors, int[] values, JsonObject object,
                                     JsonArray array, JsonValue any, List<Tree> forest) {
    }

    private static Type parameter(int index) {
        return java.util.Arrays.stream(JsonSchemasTest.class.getDeclaredMethods())
                .filter(m -> m.getName().equals("declarations")).findFirst().orElseThrow()
                .getGenericParameterTypes()[index];
    }

    @Test
    void scalarsAreNamedInJsonTerms() {
        assertEquals("integer", JsonSchemas.typeName(int.class));
        assertEquals("integer", JsonSchemas.typeName(Long.class));
        assertEquals("number", JsonSchemas.typeName(double.class));
        assertEquals("number", JsonSchemas.typeName(BigDecimal.class));
        assertEquals("boolean", JsonSchemas.typeName(Boolean.class));
        assertEquals("string", JsonSchemas.typeName(String.class));
        assertEquals("string", JsonSchemas.typeName(char.class));
        assertEquals("string", JsonSchemas.typeName(Color.class));
        assertEquals("datetime", JsonSchemas.typeName(LocalDateTime.class));
        assertEquals("date", JsonSchemas.typeName(LocalDate.class));
        assertEquals("bytes", JsonSchemas.typeName(byte[].class));
        assertEquals("any", JsonSchemas.typeName(Object.class));
        assertEquals("Point", JsonSchemas.typeName(Point.class));
    }

    @Test
    void containersNameTheirElements() {
        assertEquals("list<string>", JsonSchemas.typeName(parameter(0)));
        assertEquals("map<string,list<integer>>", JsonSchemas.typeName(parameter(1)));
        assertEquals("map<integer,string>", JsonSchemas.typeName(parameter(2)));
        assertEquals("Point", JsonSchemas.typeName(parameter(3)), "an Optional is named as what it holds");
        assertEquals("list<string>", JsonSchemas.typeName(parameter(4)));
        assertEquals("list<integer>", JsonSchemas.typeName(parameter(5)));
        assertEquals("map<string,any>", JsonSchemas.typeName(parameter(6)));
        assertEquals("list<any>", JsonSchemas.typeName(parameter(7)));
        assertEquals("any", JsonSchemas.typeName(parameter(8)));
        assertEquals("list<Tree>", JsonSchemas.typeName(parameter(9)));
    }

    @Test
    void schemasSayWhatACallMaySend() {
        assertEquals(Map.of("type", "integer", "format", "int32"), JsonSchemas.schema(int.class));
        assertEquals(Map.of("type", "integer", "format", "int64"), JsonSchemas.schema(Long.class));
        assertEquals(Map.of("type", "integer", "minimum", -128, "maximum", 127), JsonSchemas.schema(byte.class));
        assertEquals(Map.of("type", "string", "enum", List.of("RED", "GREEN")), JsonSchemas.schema(Color.class));
        assertEquals(Map.of(), JsonSchemas.schema(Object.class), "any value");
        assertEquals(Map.of("type", "array", "items", Map.of("type", "string")), JsonSchemas.schema(parameter(0)));
        assertEquals(Map.of("type", "object", "additionalProperties",
                Map.of("type", "array", "items", Map.of("type", "integer", "format", "int32"))),
                JsonSchemas.schema(parameter(1)));
        Map<String, Object> point = JsonSchemas.schema(Point.class);
        assertEquals("object", point.get("type"));
        assertEquals("Point", point.get("title"));
        assertEquals(List.of("x", "y", "label"), List.copyOf(((Map<?, ?>) point.get("properties")).keySet()));
    }

    @Test
    void taggedValuesAreTheTaggedObjectsTheyTravelAs() {
        Map<String, Object> date = JsonSchemas.schema(LocalDate.class);
        assertEquals("object", date.get("type"));
        assertEquals(List.of("__dCls", "obj"), date.get("required"));
        Map<?, ?> tag = (Map<?, ?>) ((Map<?, ?>) date.get("properties")).get("__dCls");
        assertEquals(List.of("date"), tag.get("enum"));
        Map<?, ?> bytes = (Map<?, ?>) ((Map<?, ?>) JsonSchemas.schema(byte[].class).get("properties")).get("__dCls");
        assertEquals(List.of("b64"), bytes.get("enum"));
    }

    @Test
    void aRecordInsideItselfIsNamedNotExpandedForever() {
        Map<String, Object> tree = JsonSchemas.schema(Tree.class);
        Map<?, ?> children = (Map<?, ?>) ((Map<?, ?>) tree.get("properties")).get("children");
        Map<?, ?> inner = (Map<?, ?>) children.get("items");
        assertEquals("Tree", inner.get("title"));
        assertFalse(inner.containsKey("properties"));
    }
}

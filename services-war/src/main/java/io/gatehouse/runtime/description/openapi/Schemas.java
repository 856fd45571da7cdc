package io.gatehouse.runtime.description.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Schema Objects for the document, on both MicroProfile OpenAPI versions the servers have: 3.1 (Payara) sets a
 * schema's type as one {@code SchemaType}, 4.x (WildFly) as a list of them. The archive is compiled against 3.1,
 * so the type goes through whichever {@code setType} the server's API declares.
 */
final class Schemas {

    private static final Method SET_TYPE = Arrays.stream(Schema.class.getMethods())
            .filter(m -> m.getName().equals("setType") && m.getParameterCount() == 1)
            .findFirst().orElseThrow(() -> new IllegalStateException("this MicroProfile OpenAPI has no Schema.setType"));
    private static final boolean TYPE_IS_A_LIST = List.class.isAssignableFrom(SET_TYPE.getParameterTypes()[0]);

    private Schemas() {
    }

    /** A schema with nothing in it yet: any value. */
    static Schema create() {
        return OASFactory.createSchema();
    }

    /** A schema of one JSON type: {@code string}, {@code integer}, {@code number}, {@code boolean}, ... */
    static Schema typed(String jsonType) {
        Schema schema = create();
        Schema.SchemaType type = Schema.SchemaType.valueOf(jsonType.toUpperCase(Locale.ROOT));
        try {
            SET_TYPE.invoke(schema, TYPE_IS_A_LIST ? List.of(type) : type);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot set a schema's type", e);
        }
        return schema;
    }

    static Schema object() {
        return typed("object");
    }

    /** Bytes sent as they are (a file's content). */
    static Schema binary() {
        return typed("string").format("binary");
    }

    /** A reference to a schema of the document's components, by its name. */
    static Schema ref(String name) {
        return create().ref(name);
    }
}

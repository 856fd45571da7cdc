package io.gatehouse.api.docs;

import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The names shared by the processor that writes a class's documentation and the reader that finds it: where the
 * resource is and the keys inside it. A method is keyed by its name and erased parameter types, written as
 * {@link Class#getTypeName()} writes them ({@code int}, {@code java.lang.String[]}, {@code a.b.Outer$Inner}), so
 * that overloads have keys of their own and the compiler's view and reflection's agree.
 */
final class DocKeys {

    static final String DIRECTORY = "META-INF/gatehouse/docs/";
    static final String TYPE = "class";
    static final String COMPONENT = "component.";
    private static final String METHOD = "method.";
    private static final String PARAMETER = ".param.";
    private static final String RETURN = ".return";

    private DocKeys() {
    }

    /** The resource holding the documentation of the class with that binary name. */
    static String resourceName(String binaryName) {
        return DIRECTORY + binaryName + ".properties";
    }

    /** {@code method.<name>(<type>,<type>)}, the parameter types erased. */
    static String method(String name, List<String> erasedParameterTypes) {
        return METHOD + name + "(" + String.join(",", erasedParameterTypes) + ")";
    }

    static String method(Method method) {
        return method(method.getName(),
                Stream.of(method.getParameterTypes()).map(Class::getTypeName).collect(Collectors.toList()));
    }

    static String parameter(String methodKey, String parameterName) {
        return methodKey + PARAMETER + parameterName;
    }

    static String returns(String methodKey) {
        return methodKey + RETURN;
    }

    static String component(String name) {
        return COMPONENT + name;
    }
}

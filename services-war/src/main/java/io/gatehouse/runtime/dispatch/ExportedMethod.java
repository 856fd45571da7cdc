package io.gatehouse.runtime.dispatch;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;

/**
 * One method callable over the wire: its exported name, the Java method, and the authorization rule its code
 * declares (empty when it declares none).
 *
 * @param service      the service it belongs to, {@code System/Component}
 * @param name         the exported name callers send as {@code method}
 * @param javaMethod   the bean method, invoked on the bean's contextual reference so interceptors run
 * @param declaredRule the tokens of {@code @Export(auth=...)}
 */
public record ExportedMethod(String service, String name, Method javaMethod, List<String> declaredRule) {

    public ExportedMethod {
        declaredRule = List.copyOf(declaredRule);
    }

    /** The generic parameter types, in call order. */
    public Type[] parameterTypes() {
        return javaMethod.getGenericParameterTypes();
    }

    /** {@code System/Component.method}, for messages and logs. */
    public String qualifiedName() {
        return service + "." + name;
    }
}

package io.gatehouse.runtime.dispatch;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Invokes an exported method on its bean's contextual reference, the CDI proxy, so that interceptors (the
 * authorization check first) run exactly as for any other call of the bean.
 */
@Dependent
public class MethodInvoker {

    private final Map<Bean<?>, Object> references = new ConcurrentHashMap<>();
    private final Map<Class<?>, Object> builtins = new ConcurrentHashMap<>();

    @Inject
    BeanManager beanManager;

    /**
     * Calls the method. An exception the method (or an interceptor) throws is rethrown as it is.
     */
    public Object invoke(ServiceEntry service, ExportedMethod method, Object[] arguments) throws Throwable {
        // A built-in (no service of its own) runs on the bean that declares it, every other method on its handler.
        Object target = method.service().isEmpty()
                ? builtins.computeIfAbsent(method.javaMethod().getDeclaringClass(), this::builtinReference)
                : references.computeIfAbsent(service.handler(), this::reference);
        try {
            return method.javaMethod().invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Object builtinReference(Class<?> type) {
        return reference(beanManager.resolve(beanManager.getBeans(type)));
    }

    // Handlers are normal-scoped (checked at deployment), so one client proxy serves every call.
    private Object reference(Bean<?> bean) {
        return beanManager.getReference(bean, bean.getBeanClass(), beanManager.createCreationalContext(bean));
    }
}

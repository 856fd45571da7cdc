package io.gatehouse.runtime.dispatch;

import io.gatehouse.api.Credentials;
import io.gatehouse.api.Export;
import io.gatehouse.api.Handler;
import io.gatehouse.api.ServiceOptions;
import io.gatehouse.api.messaging.Connections;
import io.gatehouse.api.wire.JEncode;

import io.gatehouse.runtime.configuration.ServiceOptionsProducer;
import io.gatehouse.runtime.description.IntrospectionMethods;
import io.gatehouse.runtime.description.openapi.PublishedServices;
import io.gatehouse.runtime.lifecycle.ServicesReadiness;
import io.gatehouse.runtime.lifecycle.StartupMethod;
import io.gatehouse.runtime.messaging.MessagingDeclaration;
import io.gatehouse.runtime.messaging.ServiceConnections;
import io.gatehouse.runtime.monitoring.ConfigurationHealth;
import io.gatehouse.runtime.monitoring.RefreshLiveness;
import io.gatehouse.runtime.monitoring.TrustHealth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Finds the {@link Handler} beans at deployment, checks them, and publishes the immutable {@link ServiceTable}.
 * Every mistake a service author can make in a declaration fails the deployment with a message naming the
 * class and method, rather than surfacing on the first call.
 */
public class HandlerExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(HandlerExtension.class.getName());
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*/[A-Za-z][A-Za-z0-9_]*");

    /** The WAR's beans behind the shared beans, used by their own {@code Bean} (a lookup by type may not see them). */
    private static final Set<Class<?>> SHARED_BEHIND = Set.of(ServiceOptionsProducer.class, ServiceConnections.class,
            ConfigurationHealth.class, TrustHealth.class, RefreshLiveness.class, ServicesReadiness.class);

    /** The beans whose exported methods every service answers. */
    private static final Set<Class<?>> BUILTIN_BEANS = Set.of(BuiltinMethods.class, IntrospectionMethods.class);

    private final Map<Class<?>, Bean<?>> sharedBehind = new HashMap<>();
    private final Map<String, ServiceEntry> services = new LinkedHashMap<>();
    private final Map<String, ExportedMethod> builtins = new LinkedHashMap<>();
    private final Map<String, Class<?>> declaredBy = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Instant startTime = Instant.now();

    <T> void onManagedBean(@Observes ProcessManagedBean<T> event, BeanManager beanManager) {
        AnnotatedType<T> type = event.getAnnotatedBeanClass();
        Class<T> beanClass = type.getJavaClass();
        if (SHARED_BEHIND.contains(beanClass)) {
            sharedBehind.put(beanClass, event.getBean());
        }
        if (BUILTIN_BEANS.contains(beanClass)) {
            builtins.putAll(exportedMethods("", type));
            return;
        }
        Handler handler = type.getAnnotation(Handler.class);
        if (handler == null) {
            return;
        }
        String name = handler.value();
        Bean<T> bean = event.getBean();
        if (!SERVICE_NAME.matcher(name).matches()) {
            problems.add(beanClass.getName() + ": @Handler(\"" + name + "\") is not a service name of the form"
                    + " System/Component (letters, digits and underscores)");
            return;
        }
        if (!beanManager.isNormalScope(bean.getScope())) {
            problems.add(beanClass.getName() + ": a handler must have a normal scope such as @ApplicationScoped"
                    + " (it has @" + bean.getScope().getSimpleName() + ")");
        }
        Class<?> previous = declaredBy.putIfAbsent(name, beanClass);
        if (previous != null) {
            problems.add("two handlers for service " + name + ": " + previous.getName() + " and "
                    + beanClass.getName());
            return;
        }
        services.put(name, new ServiceEntry(name, bean, exportedMethods(name, type), startTime,
                MessagingDeclaration.read(beanClass, problems::add), StartupMethod.read(beanClass, problems::add)));
    }

    void publishTable(@Observes AfterBeanDiscovery event) {
        if (!problems.isEmpty()) {
            problems.forEach(p -> event.addDefinitionError(new DeploymentException("Gatehouse: " + p)));
            return;
        }
        ServiceTable table = new ServiceTable(services, builtins);
        LOG.info(() -> "Gatehouse services: " + table.serviceNames());
        PublishedServices.publish(table); // for the OpenAPI model reader, which the server creates outside CDI
        event.addBean()
                .beanClass(ServiceTable.class)
                .types(ServiceTable.class, Object.class)
                .scope(Singleton.class)
                .createWith(context -> table);
    }

    /** What a handler injects from Gatehouse, visible to handler modules in an EAR's lib/ ({@link SharedBean}). */
    void offerHandlerServices(@Observes AfterBeanDiscovery event, BeanManager beanManager) {
        event.addBean(new SharedBean<>(Credentials.class, Default.Literal.INSTANCE, "caller", RequestScoped.class,
                none -> CurrentCall.caller(), beanManager));
        event.addBean(new SharedBean<>(ServiceOptions.class, Default.Literal.INSTANCE, "options", Dependent.class,
                injectedInto -> reference(beanManager, ServiceOptionsProducer.class).options(injectedInto),
                beanManager));
        event.addBean(new SharedBean<>(Connections.class, Default.Literal.INSTANCE, "connections", Dependent.class,
                injectedInto -> reference(beanManager, ServiceConnections.class).forInjectionPoint(injectedInto),
                beanManager));
    }

    /**
     * Gatehouse's health checks, offered as shared beans ({@link SharedBean}) under their kind's qualifier, each the
     * WAR's own check bean behind it: seen by the server's health endpoint whether the WAR stands alone or sits in
     * an EAR.
     */
    void offerHealthChecks(@Observes AfterBeanDiscovery event, BeanManager beanManager) {
        offerHealthCheck(event, beanManager, ConfigurationHealth.class, Readiness.Literal.INSTANCE);
        offerHealthCheck(event, beanManager, TrustHealth.class, Readiness.Literal.INSTANCE);
        offerHealthCheck(event, beanManager, ServicesReadiness.class, Readiness.Literal.INSTANCE);
        offerHealthCheck(event, beanManager, RefreshLiveness.class, Liveness.Literal.INSTANCE);
    }

    private void offerHealthCheck(AfterBeanDiscovery event, BeanManager beanManager,
                                  Class<? extends HealthCheck> check, Annotation kind) {
        event.addBean(new SharedBean<>(HealthCheck.class, kind, check.getSimpleName(), ApplicationScoped.class,
                none -> reference(beanManager, check), beanManager));
    }

    private <T> T reference(BeanManager beanManager, Class<T> type) {
        Bean<?> bean = sharedBehind.get(type);
        if (bean == null) {
            throw new IllegalStateException("no bean " + type.getName() + " in this deployment");
        }
        return type.cast(beanManager.getReference(bean, type, beanManager.createCreationalContext(bean)));
    }

    private Map<String, ExportedMethod> exportedMethods(String service, AnnotatedType<?> type) {
        Map<String, ExportedMethod> methods = new LinkedHashMap<>();
        for (AnnotatedMethod<?> annotated : type.getMethods()) {
            Export export = annotated.getAnnotation(Export.class);
            if (export == null) {
                continue;
            }
            Method method = annotated.getJavaMember();
            String where = type.getJavaClass().getName() + "." + method.getName();
            String name = export.name().isEmpty() ? method.getName() : export.name();
            checkSignature(where, method).ifPresent(problems::add);
            if (methods.containsKey(name)) {
                problems.add(where + ": a second exported method named \"" + name
                        + "\" (arguments are positional, so exported names must be unique)");
                continue;
            }
            methods.put(name, ExportedMethod.of(service, name, method, Arrays.asList(export.auth())));
        }
        return methods;
    }

    private static Optional<String> checkSignature(String where, Method method) {
        int modifiers = method.getModifiers();
        if (!Modifier.isPublic(modifiers) || Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)) {
            return Optional.of(where + ": an exported method must be public, not static and not final");
        }
        Type[] parameters = method.getGenericParameterTypes();
        boolean streamed = false;
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] == InputStream.class) {
                if (streamed) {
                    return Optional.of(where + ": two InputStream parameters (a call streams one body)");
                }
                streamed = true;
                continue;
            }
            Optional<String> reason = JEncode.unbindableReason(parameters[i]);
            if (reason.isPresent()) {
                return Optional.of(where + ": parameter " + (i + 1) + " (" + parameters[i].getTypeName()
                        + ") cannot be bound from JSON: " + reason.get());
            }
        }
        return Optional.empty();
    }
}

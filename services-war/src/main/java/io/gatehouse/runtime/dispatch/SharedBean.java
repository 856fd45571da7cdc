package io.gatehouse.runtime.dispatch;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Annotated;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.PassivationCapable;
import jakarta.inject.Inject;

import java.lang.annotation.Annotation;
import java.lang.reflect.Member;
import java.lang.reflect.Type;
import java.util.Set;
import java.util.function.Function;

/**
 * A bean whose bean class is an API type of the application's libraries ({@code Credentials}, {@code HealthCheck}),
 * so that the container files it with that API's archive, which every module of an EAR sees. Declared by the WAR
 * (a producer, or a bean class of the WAR), it would be invisible outside the WAR (CDI's visibility rule, which
 * WildFly enforces): to a site's handler module in the EAR's {@code lib/}, and to WildFly's health extension,
 * which looks for checks from the EAR's top level.
 */
public final class SharedBean<T> implements Bean<T>, PassivationCapable {

    private final Class<T> type;
    private final Annotation qualifier;
    private final String id;
    private final Class<? extends Annotation> scope;
    private final Function<InjectionPoint, T> factory;
    private final BeanManager beanManager;
    private final InjectionPoint target;

    /**
     * @param factory makes an instance for the injection point it is made for (known for {@code @Dependent} beans
     *                only, {@code null} otherwise)
     */
    public SharedBean(Class<T> type, Annotation qualifier, String id, Class<? extends Annotation> scope,
                      Function<InjectionPoint, T> factory, BeanManager beanManager) {
        this.type = type;
        this.qualifier = qualifier;
        this.id = id;
        this.scope = scope;
        this.factory = factory;
        this.beanManager = beanManager;
        this.target = ownedBy(this, beanManager.createInjectionPoint(
                beanManager.createAnnotatedType(InjectionTarget.class).getFields().iterator().next()));
    }

    /** The injection point as this bean's own: the container gives an InjectionPoint to beans only. */
    private static InjectionPoint ownedBy(Bean<?> bean, InjectionPoint point) {
        return new InjectionPoint() {
            @Override
            public Type getType() {
                return point.getType();
            }

            @Override
            public Set<Annotation> getQualifiers() {
                return point.getQualifiers();
            }

            @Override
            public Bean<?> getBean() {
                return bean;
            }

            @Override
            public Member getMember() {
                return point.getMember();
            }

            @Override
            public Annotated getAnnotated() {
                return point.getAnnotated();
            }

            @Override
            public boolean isDelegate() {
                return false;
            }

            @Override
            public boolean isTransient() {
                return false;
            }
        };
    }

    @Override
    public T create(CreationalContext<T> context) {
        InjectionPoint injectedInto = isDependent()
                ? (InjectionPoint) beanManager.getInjectableReference(target, context) : null;
        return factory.apply(injectedInto);
    }

    @Override
    public void destroy(T instance, CreationalContext<T> context) {
        context.release();
    }

    /**
     * None declared: the injection point {@link #create} asks for is the container's built-in one, which every bean
     * manager resolves at run time, but which Payara Server's validator does not find from the library archive this
     * bean is filed with (WELD-001408 at deployment).
     */
    @Override
    public Set<InjectionPoint> getInjectionPoints() {
        return Set.of();
    }

    private boolean isDependent() {
        return scope == jakarta.enterprise.context.Dependent.class;
    }

    @Override
    public Class<?> getBeanClass() {
        return type;
    }

    @Override
    public Set<Type> getTypes() {
        return Set.of(type, Object.class);
    }

    @Override
    public Set<Annotation> getQualifiers() {
        return Set.of(qualifier, Any.Literal.INSTANCE);
    }

    @Override
    public Class<? extends Annotation> getScope() {
        return scope;
    }

    @Override
    public String getName() {
        return null;
    }

    @Override
    public Set<Class<? extends Annotation>> getStereotypes() {
        return Set.of();
    }

    @Override
    public boolean isAlternative() {
        return false;
    }

    @Override
    public String getId() {
        return SharedBean.class.getName() + ":" + type.getName() + ":" + id;
    }

    /** Where the container hands a dependent bean the injection point it is being made for. */
    private static final class InjectionTarget {
        @Inject
        InjectionPoint injectedInto;
    }
}

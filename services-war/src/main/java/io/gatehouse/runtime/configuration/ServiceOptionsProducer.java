package io.gatehouse.runtime.configuration;

import io.gatehouse.api.Handler;
import io.gatehouse.api.ServiceOptions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * Gives each handler its own options, DIRAC's {@code getCSOption}: the section
 * {@code /Systems/<System>/Services/<Component>/} of the handler's service, read at each access. The handler's
 * {@code @Inject ServiceOptions} comes here through the bean {@code HandlerExtension} offers.
 */
@ApplicationScoped
public class ServiceOptionsProducer {

    @Inject
    Configuration configuration;

    /** The options of the handler that declares the injection point. */
    public ServiceOptions options(InjectionPoint injectionPoint) {
        Class<?> owner = injectionPoint.getBean() == null ? null : injectionPoint.getBean().getBeanClass();
        Handler handler = owner == null ? null : owner.getAnnotation(Handler.class);
        if (handler == null) {
            throw new IllegalStateException("ServiceOptions can only be injected into a @Handler bean, not into "
                    + injectionPoint.getMember());
        }
        return new SectionOptions(configuration, handler.value());
    }

    /** The section of one service. */
    private record SectionOptions(Configuration configuration, String serviceName) implements ServiceOptions {

        @Override
        public Optional<String> get(String name) {
            return configuration.option(section() + name);
        }

        @Override
        public List<String> getList(String name) {
            return configuration.list(section() + name);
        }

        private String section() {
            return ServicePaths.serviceSection(serviceName);
        }
    }
}

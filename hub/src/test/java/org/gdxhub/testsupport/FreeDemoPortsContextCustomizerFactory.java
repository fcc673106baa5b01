package org.gdxhub.testsupport;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Every hub test context gets its own free loopback ports for the demo owner systems
 * (business registry, VAT service): several contexts stay alive in one test JVM, and other
 * builds may share the machine, so the fixed ports of the embedded run would collide.
 * Registered in META-INF/spring.factories; a test's own @DynamicPropertySource still wins.
 */
public class FreeDemoPortsContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(Class<?> testClass,
      List<ContextConfigurationAttributes> configAttributes) {
    return new FreeDemoPorts();
  }

  static final class FreeDemoPorts implements ContextCustomizer {

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
      context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("free-demo-ports", Map.of(
          "hub.connectors.demo.servers.business-registry.port", OpaServer.freePort(),
          "hub.connectors.demo.servers.revenue-department.port", OpaServer.freePort(),
          "hub.connectors.demo.servers.population-registry-clerk.port", OpaServer.freePort())));
    }

    // All instances are interchangeable, so Spring's test context cache keeps working.
    @Override
    public boolean equals(Object other) {
      return other instanceof FreeDemoPorts;
    }

    @Override
    public int hashCode() {
      return FreeDemoPorts.class.hashCode();
    }
  }
}

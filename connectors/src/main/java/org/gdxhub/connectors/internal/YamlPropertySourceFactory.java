package org.gdxhub.connectors.internal;

import java.io.IOException;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.core.io.support.PropertySourceFactory;

/** Lets {@code @PropertySource} read the module's YAML defaults (nested maps keep their order). */
class YamlPropertySourceFactory implements PropertySourceFactory {

  @Override
  public PropertySource<?> createPropertySource(String name, EncodedResource resource) throws IOException {
    String sourceName = name != null ? name : resource.getResource().getFilename();
    return new YamlPropertySourceLoader().load(sourceName, resource.getResource()).getFirst();
  }
}

package org.gdxhub.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.gdxhub.common.JsonText;
import org.gdxhub.connectors.DemoSources;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Writes the demo source systems' subject ids to {@code hub.demo.samples-file} at start-up, so
 * that a load generator in another process (bin/bench side-by-side) looks up subjects that
 * exist. Off unless the property is set.
 */
@Component
@ConditionalOnExpression("'${hub.demo.samples-file:}' != ''")
class DemoSamplesFile implements ApplicationRunner {

  private final DemoSources sources;
  private final Path file;

  DemoSamplesFile(DemoSources sources, @Value("${hub.demo.samples-file}") String file) {
    this.sources = sources;
    this.file = Path.of(file);
  }

  @Override
  public void run(ApplicationArguments args) {
    Map<String, Object> samples = new LinkedHashMap<>();
    samples.put("citizenIds", sources.citizenIds());
    samples.put("juristicIds", sources.juristicIds());
    samples.put("vatRegisteredIds", sources.vatRegisteredIds());
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, JsonText.write(samples));
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

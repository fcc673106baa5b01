package org.gdxhub.connectors;

import java.util.List;

/**
 * Identifiers that exist in the bundled demo source systems, for demo seeding, the README
 * and tests. Deterministic: the demo systems are generated from fixed seeds. Empty lists when
 * the demo systems are disabled.
 *
 * @param citizenIds citizens in the demo population registry (sorted)
 * @param juristicIds juristic persons in the demo business registry (sorted)
 * @param vatRegisteredIds owners (juristic persons and individuals) in the demo VAT register (sorted)
 */
public record DemoSources(List<String> citizenIds, List<String> juristicIds, List<String> vatRegisteredIds) {

  public DemoSources {
    citizenIds = List.copyOf(citizenIds);
    juristicIds = List.copyOf(juristicIds);
    vatRegisteredIds = List.copyOf(vatRegisteredIds);
  }
}

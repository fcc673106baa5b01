package org.gdxhub.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.gdxhub.ledger.internal.LedgerDocument;
import org.gdxhub.ledger.internal.LuceneLedgerIndex;

/** The ledger index contract on Lucene, the embedded default, in a temporary directory. */
class LuceneLedgerIndexIT extends LedgerIndexContract {

  @Override
  protected LedgerIndex openIndex(LedgerSearchProperties properties) {
    try {
      return new LuceneLedgerIndex(Files.createTempDirectory("gdx-lucene-it-"), new LedgerDocument(properties));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

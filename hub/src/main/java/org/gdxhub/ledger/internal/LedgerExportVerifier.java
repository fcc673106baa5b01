package org.gdxhub.ledger.internal;

import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.gdxhub.common.HubException;
import org.gdxhub.ledger.LedgerVerification;
import org.gdxhub.ledger.LedgerVerification.Kind;
import org.gdxhub.security.Signatures;

/**
 * Verifies a ledger export offline: the header, every entry's hash and link, the sequence,
 * every checkpoint's hash and signature, and the trailer's counts. Streams the file once, in
 * bounded memory.
 */
public final class LedgerExportVerifier {

  private LedgerExportVerifier() {}

  /**
   * @param trustedKeyIds key ids whose signatures were accepted
   * @param trustFromExport true when no certificate was given and the export's own certificates were used
   */
  public record Result(LedgerVerification verification, List<String> trustedKeyIds, boolean trustFromExport,
      LedgerExportReader.Header header) {}

  /**
   * @param trusted certificates whose checkpoint signatures are accepted; when empty, the
   *     certificates inside the export are used (which proves integrity, not origin)
   */
  public static Result verify(InputStream in, List<X509Certificate> trusted) {
    try (var reader = new LedgerExportReader(in)) {
      LedgerExportReader.Header header;
      try {
        LedgerExportReader.Line first = reader.next();
        if (!(first instanceof LedgerExportReader.Header h)) {
          return formatProblem("line 1: the export must start with a header line");
        }
        header = h;
      } catch (LedgerExportReader.FormatException e) {
        return formatProblem(e.getMessage());
      }
      if (!LedgerExportWriter.FORMAT.equals(header.format())) {
        return formatProblem("unsupported export format \"" + header.format() + "\", expected " + LedgerExportWriter.FORMAT);
      }
      boolean fromExport = trusted.isEmpty();
      Map<String, X509Certificate> byKeyId = new LinkedHashMap<>();
      try {
        List<X509Certificate> certificates = fromExport
            ? header.certificates().stream().flatMap(pem -> Signatures.fromPem(pem).stream()).toList()
            : trusted;
        certificates.forEach(c -> byKeyId.put(Signatures.keyId(c), c));
      } catch (HubException e) {
        return formatProblem("line 1: a certificate in the header is unreadable: " + e.getMessage());
      }
      var verifier = new ChainVerifier(byKeyId);
      check(reader, header, verifier);
      return new Result(verifier.result(), List.copyOf(byKeyId.keySet()), fromExport, header);
    }
  }

  private static final int BATCH = 512;
  private static final List<Object> END_OF_INPUT = List.of();

  /**
   * Two threads, because a 2-core machine has two: this one parses the JSON, a worker hashes
   * and checks the chain, in order, batch by batch through a small bounded queue.
   */
  private static void check(LedgerExportReader reader, LedgerExportReader.Header header, ChainVerifier verifier) {
    var state = new State(header, verifier);
    BlockingQueue<List<Object>> queue = new ArrayBlockingQueue<>(8);
    Thread worker = Thread.ofPlatform().name("ledger-verify-chain").start(() -> state.consume(queue));
    try {
      List<Object> batch = new ArrayList<>(BATCH);
      try {
        LedgerExportReader.Line line;
        while (!state.stopped() && (line = reader.next()) != null) {
          batch.add(line);
          if (batch.size() == BATCH) {
            queue.put(batch);
            batch = new ArrayList<>(BATCH);
          }
        }
      } catch (LedgerExportReader.FormatException e) {
        batch.add(e);
      }
      queue.put(batch);
      queue.put(END_OF_INPUT);
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      worker.interrupt();
      throw new IllegalStateException("interrupted while verifying", e);
    }
    if (state.failure != null) {
      throw state.failure;
    }
    state.checkTrailer();
  }

  /** The worker's side: everything here is touched only by the worker until it has finished. */
  private static final class State {
    private final LedgerExportReader.Header header;
    private final ChainVerifier verifier;
    private final AtomicBoolean stop = new AtomicBoolean();
    private long entries;
    private long checkpoints;
    private LedgerExportReader.End end;
    private RuntimeException failure;

    State(LedgerExportReader.Header header, ChainVerifier verifier) {
      this.header = header;
      this.verifier = verifier;
    }

    boolean stopped() {
      return stop.get();
    }

    /** Takes batches until the end marker, always draining the queue so the parser never blocks forever. */
    void consume(BlockingQueue<List<Object>> queue) {
      try {
        List<Object> batch;
        while ((batch = queue.take()) != END_OF_INPUT) {
          for (Object item : batch) {
            if (stop.get()) {
              break;
            }
            try {
              accept(item);
            } catch (RuntimeException e) {
              failure = e;
              stop.set(true);
            }
            if (verifier.broken()) {
              stop.set(true);
            }
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void accept(Object item) {
      if (item instanceof LedgerExportReader.FormatException e) {
        verifier.fail(verifier.lastSeq() + 1, null, Kind.FORMAT, e.getMessage());
        return;
      }
      if (end != null) {
        verifier.fail(verifier.lastSeq(), null, Kind.FORMAT, "data after the end line");
        return;
      }
      switch ((LedgerExportReader.Line) item) {
        case LedgerExportReader.Entry e -> {
          if (entries == 0 && e.row().seq() != header.fromSeq()) {
            verifier.fail(header.fromSeq(), null, e.row().seq() > header.fromSeq() ? Kind.GAP : Kind.FORMAT,
                "the export should start at entry " + header.fromSeq() + " but starts at " + e.row().seq());
            return;
          }
          entries++;
          verifier.entry(e.row(), e.hash());
        }
        case LedgerExportReader.Checkpoint c -> {
          checkpoints++;
          verifier.checkpoint(c.checkpoint());
        }
        case LedgerExportReader.End e -> end = e;
        case LedgerExportReader.Header h -> verifier.fail(verifier.lastSeq(), null, Kind.FORMAT, "a second header line");
      }
    }

    void checkTrailer() {
      if (verifier.broken()) {
        return;
      }
      long last = entries == 0 ? header.fromSeq() - 1 : verifier.lastSeq();
      if (end == null) {
        verifier.fail(last + 1, null, Kind.TRUNCATED, "the export has no end line: it was cut off after entry " + last);
      } else if (end.entries() != entries || end.checkpoints() != checkpoints) {
        verifier.fail(last + 1, null, Kind.TRUNCATED, "the end line counts " + end.entries() + " entries and "
            + end.checkpoints() + " checkpoints, the export holds " + entries + " and " + checkpoints);
      } else if (last != header.toSeq()) {
        verifier.fail(last + 1, null, Kind.TRUNCATED,
            "the header promises entries through " + header.toSeq() + " but the last is " + last);
      }
    }
  }

  private static Result formatProblem(String detail) {
    var verifier = new ChainVerifier(Map.of());
    verifier.fail(0, null, Kind.FORMAT, detail);
    return new Result(verifier.result(), List.of(), false, null);
  }
}

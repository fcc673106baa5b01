package org.gdxhub.ledger.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.ledger.LedgerEntry;
import org.gdxhub.ledger.LedgerField;
import org.gdxhub.ledger.LedgerIndex;
import org.gdxhub.ledger.LedgerSearch;
import org.gdxhub.ledger.LedgerSearchResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded default: a Lucene index in a local directory. Writes are visible to search
 * within a quarter second (or at once after {@link #refresh()}) and durable within a second
 * (a background commit); the reindex checkpoint is stored in the commit's user data, so it is
 * never ahead of the entries it vouches for.
 *
 * <p>A write that fails (a full disk: Lucene closes its writer on such a "tragic" error and
 * drops what it had buffered) marks the index <em>degraded</em>, with the reason, in
 * {@link #health()}. While it is degraded {@link #index} writes synchronously — a new writer on
 * the last commit if Lucene closed the old one, the entries, a commit — and refuses with
 * {@code ledger_index_unavailable} until that works, so the outbox relay keeps its rows unsent
 * and retries; the first durable commit ends the degraded state. Entries lost from the buffer
 * are after the reindex checkpoint, so the follow step or a reindex restores them from the
 * system of record. Lookups never touch the index.
 */
public class LuceneLedgerIndex implements LedgerIndex, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LuceneLedgerIndex.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final String SOURCE = "_source";
  private static final String PURPOSE_TEXT = "purpose_text";
  private static final String CASE_REF_TEXT = "case_ref_text";
  private static final String CHECKPOINT = "gdx.reindex.seq";
  /** {@link #health()}'s status while writes fail. */
  public static final String DEGRADED = "degraded";
  private static final Sort NEWEST_FIRST = new Sort(new SortField(LedgerDocument.TIME_US, SortField.Type.LONG, true),
      new SortField(LedgerDocument.SEQ, SortField.Type.LONG, true));

  private final Path path;
  private final LedgerDocument documents;
  private final Analyzer analyzer = new StandardAnalyzer();
  private final Directory directory;
  private final ScheduledExecutorService background;
  /** Guards replacing the writer and committing. */
  private final Object commitLock = new Object();
  private volatile IndexWriter writer;
  private volatile SearcherManager searchers;
  private volatile Degraded degraded;
  private long failuresLogged;
  private boolean reopenLogged;

  /** Why and since when the index cannot make writes durable. */
  private record Degraded(String reason, Instant since) {}

  public LuceneLedgerIndex(Path path, LedgerDocument documents) {
    this.path = path;
    this.documents = documents;
    try {
      Files.createDirectories(path);
      directory = FSDirectory.open(path);
      openWriter();
    } catch (IOException e) {
      throw new HubException(ErrorCode.LEDGER_INDEX_UNAVAILABLE, "cannot open the Lucene ledger index at " + path, e);
    }
    background = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("lucene-ledger-index")
        .daemon(true).factory());
    background.scheduleWithFixedDelay(this::refreshQuietly, 250, 250, TimeUnit.MILLISECONDS);
    background.scheduleWithFixedDelay(this::commitQuietly, 1, 1, TimeUnit.SECONDS);
  }

  @Override
  public String name() {
    return "lucene";
  }

  @Override
  public void index(List<LedgerEntry> entries) {
    if (degraded != null && indexDurably(entries)) {
      return;
    }
    try {
      IndexWriter w = writer;
      for (LedgerEntry entry : entries) {
        w.updateDocument(new Term(LedgerDocument.ID, entry.id()), luceneDocument(documents.toSource(entry)));
      }
    } catch (IOException | AlreadyClosedException e) {
      throw failed("index", e);
    }
  }

  /**
   * While degraded: indexes the entries and commits them before returning, so that nothing is
   * acknowledged that a full disk could still lose; throws {@code ledger_index_unavailable} while
   * that fails. False when the index was no longer degraded (index normally).
   */
  private boolean indexDurably(List<LedgerEntry> entries) {
    synchronized (commitLock) {
      if (degraded == null) {
        return false;
      }
      try {
        ensureWriter();
        for (LedgerEntry entry : entries) {
          writer.updateDocument(new Term(LedgerDocument.ID, entry.id()), luceneDocument(documents.toSource(entry)));
        }
        writer.commit();
        searchers.maybeRefreshBlocking();
      } catch (IOException | AlreadyClosedException e) {
        throw failed("index", e);
      }
      recovered();
      return true;
    }
  }

  /** A new writer on the last commit when Lucene closed the old one after a tragic error. Under commitLock. */
  private void ensureWriter() throws IOException {
    if (!writer.isOpen()) {
      if (!reopenLogged) {
        reopenLogged = true; // once per degraded spell: each retry on a full disk reopens it
        log.warn("Lucene closed the ledger index writer at {} ({}); opening a new one on the last commit", path,
            String.valueOf(writer.getTragicException()));
      }
      openWriter();
    }
  }

  /** A commit worked: the index is durable again. Under commitLock. */
  private void recovered() {
    Degraded d = degraded;
    if (d != null) {
      log.warn("the Lucene ledger index at {} is writable again (degraded since {}: {})", path, d.since(), d.reason());
      degraded = null;
      failuresLogged = 0;
      reopenLogged = false;
    }
  }

  /** Opens the writer (again: Lucene closes it for good after a tragic error) and its searcher manager. */
  private void openWriter() throws IOException {
    SearcherManager old = searchers;
    IndexWriter w = new IndexWriter(directory, new IndexWriterConfig(analyzer)
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND).setRAMBufferSizeMB(64));
    try {
      searchers = new SearcherManager(w, null);
    } catch (IOException | RuntimeException e) {
      w.close();
      throw e;
    }
    writer = w;
    if (old != null) {
      try {
        old.close();
      } catch (IOException | RuntimeException e) {
        log.debug("closing the old searcher manager failed: {}", e.toString());
      }
    }
  }

  @Override
  public Set<String> missing(Collection<String> ids) {
    refresh();
    return withSearcher(searcher -> {
      Set<String> missing = new LinkedHashSet<>();
      for (String id : ids) {
        if (searcher.count(new TermQuery(new Term(LedgerDocument.ID, id))) == 0) {
          missing.add(id);
        }
      }
      return missing;
    });
  }

  @Override
  public long count() {
    refresh();
    return withSearcher(searcher -> (long) searcher.getIndexReader().numDocs());
  }

  @Override
  public void refresh() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException | AlreadyClosedException e) {
      if (degraded == null) {
        throw failed("refresh", e);
      }
      // Degraded: search what the last good reader holds.
    }
  }

  @Override
  public LedgerSearchResult search(LedgerSearch search) {
    Query query = query(search);
    int window = search.offset() + search.limit();
    return withSearcher(searcher -> {
      TopFieldDocs top = searcher.search(query, new TopFieldCollectorManager(NEWEST_FIRST, window, null,
          Integer.MAX_VALUE));
      List<LedgerEntry> entries = new ArrayList<>();
      StoredFields stored = searcher.storedFields();
      ScoreDoc[] docs = top.scoreDocs;
      for (int i = search.offset(); i < docs.length; i++) {
        BytesRef source = stored.document(docs[i].doc).getBinaryValue(SOURCE);
        Map<String, Object> doc = JSON.readValue(source.bytes, source.offset, source.length, MAP);
        entries.add(LedgerDocument.toEntry(doc));
      }
      return new LedgerSearchResult(top.totalHits.value(), search.limit(), search.offset(), entries);
    });
  }

  @Override
  public Map<List<String>, Long> countBy(LedgerSearch filter, List<LedgerField> fields) {
    Query query = query(filter);
    return withSearcher(searcher -> searcher.search(query, new GroupCounts(fields)));
  }

  @Override
  public void deleteAll() {
    synchronized (commitLock) {
      try {
        ensureWriter();
        writer.deleteAll();
        writer.setLiveCommitData(Map.of(CHECKPOINT, "0").entrySet());
        writer.commit();
        searchers.maybeRefreshBlocking();
      } catch (IOException | AlreadyClosedException e) {
        throw failed("delete all entries", e);
      }
      recovered();
    }
  }

  @Override
  public long reindexCheckpoint() {
    Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
    if (data != null) {
      for (Map.Entry<String, String> e : data) {
        if (CHECKPOINT.equals(e.getKey())) {
          return Long.parseLong(e.getValue());
        }
      }
    }
    return 0;
  }

  @Override
  public void saveReindexCheckpoint(long seq) {
    synchronized (commitLock) {
      try {
        // Never on a new writer: the entries the checkpoint vouches for were in the old one.
        writer.setLiveCommitData(Map.of(CHECKPOINT, Long.toString(seq)).entrySet());
        writer.commit();
      } catch (IOException | AlreadyClosedException e) {
        throw failed("commit", e);
      }
      recovered();
    }
  }

  /** Adds {@code status: degraded}, the reason and since when, while writes fail (the health check shows DEGRADED). */
  @Override
  public Map<String, Object> health() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("backend", name());
    details.put("path", path.toAbsolutePath().toString());
    Long entries = null;
    try {
      entries = count();
    } catch (RuntimeException e) {
      if (degraded == null) {
        throw e; // not a write failure (those mark the index degraded): the index is down
      }
    }
    Degraded d = degraded;
    if (d != null) {
      details.put("status", DEGRADED);
      details.put("reason", d.reason());
      details.put("degradedSince", d.since().toString());
    }
    if (entries != null) {
      details.put("entries", entries);
    }
    details.put("reindexCheckpoint", reindexCheckpoint());
    return details;
  }

  @Override
  public void close() {
    background.shutdownNow();
    try {
      commitQuietly();
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException | RuntimeException e) {
      log.warn("closing the Lucene ledger index at {} failed", path, e);
    }
  }

  // --- documents and queries ----------------------------------------------------------------

  private static Document luceneDocument(Map<String, Object> source) {
    Document doc = new Document();
    doc.add(new StringField(LedgerDocument.ID, (String) source.get(LedgerDocument.ID), Field.Store.NO));
    long seq = ((Number) source.get(LedgerDocument.SEQ)).longValue();
    doc.add(new NumericDocValuesField(LedgerDocument.SEQ, seq));
    long time = ((Number) source.get(LedgerDocument.TIME_US)).longValue();
    doc.add(new LongPoint(LedgerDocument.TIME_US, time));
    doc.add(new NumericDocValuesField(LedgerDocument.TIME_US, time));
    for (String name : LedgerDocument.KEYWORDS) {
      Object value = source.get(name);
      if (value instanceof List<?> values) {
        for (Object v : values) {
          doc.add(new StringField(name, v.toString(), Field.Store.NO));
          doc.add(new SortedSetDocValuesField(name, new BytesRef(v.toString())));
        }
      } else if (value != null) {
        doc.add(new StringField(name, value.toString(), Field.Store.NO));
        doc.add(new SortedDocValuesField(name, new BytesRef(value.toString())));
      }
    }
    if (source.get("fields_released") instanceof List<?> released) {
      released.forEach(f -> doc.add(new StringField("fields_released", f.toString(), Field.Store.NO)));
    }
    doc.add(new StringField(LedgerDocument.OFF_HOURS, source.get(LedgerDocument.OFF_HOURS).toString(), Field.Store.NO));
    doc.add(new StringField("card_present", source.get("card_present").toString(), Field.Store.NO));
    if (source.get(LedgerDocument.PURPOSE) != null) {
      doc.add(new TextField(PURPOSE_TEXT, source.get(LedgerDocument.PURPOSE).toString(), Field.Store.NO));
    }
    if (source.get(LedgerDocument.CASE_REF) != null) {
      doc.add(new TextField(CASE_REF_TEXT, source.get(LedgerDocument.CASE_REF).toString(), Field.Store.NO));
    }
    doc.add(new StoredField(SOURCE, JSON.writeValueAsBytes(source)));
    return doc;
  }

  private Query query(LedgerSearch s) {
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    term(q, LedgerDocument.AGENCY, s.agency());
    term(q, LedgerDocument.UNIT, s.unit());
    term(q, LedgerDocument.OFFICER, s.officer());
    term(q, LedgerDocument.DATASET, s.dataset());
    term(q, LedgerDocument.PURPOSE, s.purpose());
    term(q, LedgerDocument.DECISION, s.decision());
    term(q, LedgerDocument.REASON_CODE, s.reasonCode());
    term(q, LedgerDocument.OUTCOME, s.outcome());
    anyTerm(q, LedgerDocument.SUBJECT_PSEUDONYM, s.subjectPseudonym());
    term(q, LedgerDocument.OFF_HOURS, s.offHours() == null ? null : s.offHours().toString());
    if (s.from() != null || s.to() != null) {
      long lo = s.from() == null ? Long.MIN_VALUE : LedgerDocument.micros(s.from());
      long hi = s.to() == null ? Long.MAX_VALUE : LedgerDocument.micros(s.to()) - 1;
      q.add(LongPoint.newRangeQuery(LedgerDocument.TIME_US, lo, hi), Occur.FILTER);
    }
    if (s.text() != null) {
      // Each word must occur in the purpose or the case reference (as Elasticsearch's cross_fields AND).
      for (String word : words(s.text())) {
        q.add(new BooleanQuery.Builder()
            .add(new TermQuery(new Term(PURPOSE_TEXT, word)), Occur.SHOULD)
            .add(new TermQuery(new Term(CASE_REF_TEXT, word)), Occur.SHOULD).build(), Occur.FILTER);
      }
    }
    BooleanQuery built = q.build();
    return built.clauses().isEmpty() ? new MatchAllDocsQuery() : built;
  }

  /** One value, or several separated by commas, any of which matches (pseudonyms of every key version). */
  private static void anyTerm(BooleanQuery.Builder q, String field, String values) {
    if (values == null || !values.contains(",")) {
      term(q, field, values);
      return;
    }
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (String value : values.split(",")) {
      any.add(new TermQuery(new Term(field, value.trim())), Occur.SHOULD);
    }
    q.add(any.build(), Occur.FILTER);
  }

  private static void term(BooleanQuery.Builder q, String field, String value) {
    if (value != null) {
      q.add(new TermQuery(new Term(field, value)), Occur.FILTER);
    }
  }

  private List<String> words(String text) {
    List<String> words = new ArrayList<>();
    try (TokenStream tokens = analyzer.tokenStream(PURPOSE_TEXT, text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken()) {
        words.add(term.toString());
      }
      tokens.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return words;
  }

  // --- grouping ------------------------------------------------------------------------------

  /** Counts documents per combination of keyword values, reading doc values segment by segment. */
  private static final class GroupCounts implements CollectorManager<GroupCounts.Counter, Map<List<String>, Long>> {
    private final List<String> fields;

    GroupCounts(List<LedgerField> fields) {
      this.fields = fields.stream().map(LedgerField::indexName).toList();
    }

    @Override
    public Counter newCollector() {
      return new Counter();
    }

    @Override
    public Map<List<String>, Long> reduce(Collection<Counter> collectors) {
      Map<List<String>, Long> total = new HashMap<>();
      for (Counter c : collectors) {
        c.counts.forEach((k, v) -> total.merge(k, v, Long::sum));
      }
      return total;
    }

    final class Counter implements Collector {
      final Map<List<String>, Long> counts = new HashMap<>();

      @Override
      public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
      }

      @Override
      public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
        int n = fields.size();
        SortedSetDocValues[] values = new SortedSetDocValues[n];
        String[][] names = new String[n][];
        for (int i = 0; i < n; i++) {
          // Single-valued fields have SortedDocValues; view both kinds as sorted sets.
          String field = fields.get(i);
          var info = context.reader().getFieldInfos().fieldInfo(field);
          if (info != null && info.getDocValuesType() == org.apache.lucene.index.DocValuesType.SORTED) {
            values[i] = DocValues.singleton(DocValues.getSorted(context.reader(), field));
          } else {
            values[i] = DocValues.getSortedSet(context.reader(), field);
          }
          names[i] = new String[(int) Math.min(Integer.MAX_VALUE, values[i].getValueCount())];
        }
        return new LeafCollector() {
          @Override
          public void setScorer(Scorable scorer) {}

          @Override
          public void collect(int doc) throws IOException {
            List<List<String>> perField = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
              List<String> vs = new ArrayList<>(1);
              if (values[i].advanceExact(doc)) {
                for (int j = 0; j < values[i].docValueCount(); j++) {
                  int ord = (int) values[i].nextOrd();
                  String name = names[i][ord];
                  if (name == null) {
                    name = values[i].lookupOrd(ord).utf8ToString();
                    names[i][ord] = name;
                  }
                  vs.add(name);
                }
              } else {
                vs.add(null);
              }
              perField.add(vs);
            }
            addCombinations(perField, 0, new ArrayList<>(n));
          }
        };
      }

      private void addCombinations(List<List<String>> perField, int i, List<String> key) {
        if (i == perField.size()) {
          counts.merge(new ArrayList<>(key), 1L, Long::sum);
          return;
        }
        for (String v : perField.get(i)) {
          key.add(v);
          addCombinations(perField, i + 1, key);
          key.removeLast();
        }
      }
    }
  }

  // --- plumbing ------------------------------------------------------------------------------

  private interface SearcherWork<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  private <T> T withSearcher(SearcherWork<T> work) {
    SearcherManager manager = searchers;
    try {
      IndexSearcher searcher = manager.acquire();
      try {
        return work.apply(searcher);
      } finally {
        manager.release(searcher);
      }
    } catch (IOException e) {
      throw unavailable("search", e);
    }
  }

  private void refreshQuietly() {
    if (degraded != null) {
      return; // the writer may be closed; indexDurably() refreshes
    }
    try {
      searchers.maybeRefresh();
    } catch (IOException | AlreadyClosedException e) {
      failed("refresh", e); // a refresh writes the buffered entries as a segment: a full disk shows here first
    } catch (RuntimeException e) {
      log.warn("refreshing the Lucene ledger index failed", e);
    }
  }

  private void commitQuietly() {
    synchronized (commitLock) {
      if (degraded != null) {
        return; // index() and the reindex retry the commit, and refuse until it works
      }
      try {
        if (writer.isOpen() && writer.hasUncommittedChanges()) {
          writer.commit();
        }
      } catch (IOException | AlreadyClosedException e) {
        failed("commit", e);
      } catch (RuntimeException e) {
        log.warn("committing the Lucene ledger index failed", e);
      }
    }
  }

  /** Marks the index degraded (a write failed: disk full, I/O error, writer closed by Lucene) and says why. */
  private HubException failed(String what, Exception e) {
    Throwable root = e;
    if (e instanceof AlreadyClosedException && writer.getTragicException() != null) {
      root = writer.getTragicException();
    }
    String reason = what + ": " + root;
    synchronized (commitLock) {
      if (degraded == null) {
        degraded = new Degraded(reason, Instant.now());
        log.error("the Lucene ledger index at {} is degraded (writes are refused and retried; lookups go on; a "
            + "reindex restores what is missing once it is writable): {}", path, reason);
      } else if (++failuresLogged % 100 == 0) {
        log.warn("the Lucene ledger index at {} is still degraded ({} failed attempts): {}", path, failuresLogged,
            reason);
      }
    }
    return unavailable(what, e);
  }

  private static HubException unavailable(String what, Exception e) {
    return new HubException(ErrorCode.LEDGER_INDEX_UNAVAILABLE, "the Lucene ledger index could not " + what, e);
  }
}

package org.gdxhub.ledger.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.ledger.LedgerEntry;
import org.gdxhub.ledger.LedgerField;
import org.gdxhub.ledger.LedgerIndex;
import org.gdxhub.ledger.LedgerSearch;
import org.gdxhub.ledger.LedgerSearchProperties;
import org.gdxhub.ledger.LedgerSearchResult;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;

/**
 * The production backend: an Elasticsearch index (8.19) reached with elasticsearch-java. The
 * index's settings and explicit, strict mappings come from an index template of the same name
 * ({@code elasticsearch/ledger-index-template.json}), installed on start. Entries are written in
 * bulk with the entry id as {@code _id}, so a repeated delivery overwrites instead of adding.
 * The reindex checkpoint lives in a small side index ({@code <index>-reindex-state}).
 */
public class ElasticsearchLedgerIndex implements LedgerIndex, AutoCloseable {

  private static final String CHECKPOINT_ID = "checkpoint";
  private static final int COMPOSITE_PAGE = 5000;

  private final LedgerSearchProperties.Elasticsearch settings;
  private final LedgerDocument documents;
  private final String index;
  private final String stateIndex;
  private final RestClient rest;
  private final ElasticsearchClient client;
  private volatile boolean ensured;

  public ElasticsearchLedgerIndex(LedgerSearchProperties.Elasticsearch settings, LedgerDocument documents) {
    this.settings = settings;
    this.documents = documents;
    this.index = settings.index();
    this.stateIndex = settings.index() + "-reindex-state";
    var builder = RestClient.builder(java.util.Arrays.stream(settings.url().split(","))
        .map(String::trim).map(HttpHost::create).toArray(HttpHost[]::new));
    if (settings.username() != null && !settings.username().isBlank()) {
      String basic = Base64.getEncoder().encodeToString((settings.username() + ":"
          + (settings.password() == null ? "" : settings.password())).getBytes(StandardCharsets.UTF_8));
      builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "Basic " + basic)});
    }
    this.rest = builder.build();
    this.client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
  }

  /** Installs the index template and creates the index when missing. Safe to call repeatedly. */
  public void ensureIndex() {
    ensured = false;
    call("create the index", () -> {
      String template = templateJson();
      client.indices().putIndexTemplate(t -> t.withJson(new StringReader(template)).name(index));
      if (!client.indices().exists(e -> e.index(index)).value()) {
        try {
          client.indices().create(c -> c.index(index));
        } catch (ElasticsearchException e) {
          if (!"resource_already_exists_exception".equals(e.error().type())) {
            throw e;
          }
        }
      }
      ensured = true;
      return null;
    });
  }

  /** The template and index are installed on first use, so the hub starts while the cluster is down. */
  private void ready() {
    if (!ensured) {
      ensureIndex();
    }
  }

  @Override
  public String name() {
    return "elasticsearch";
  }

  @Override
  public void index(List<LedgerEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    ready();
    BulkRequest.Builder bulk = new BulkRequest.Builder().index(index);
    for (LedgerEntry entry : entries) {
      Map<String, Object> source = documents.toSource(entry);
      bulk.operations(op -> op.index(i -> i.id(entry.id()).document(source)));
    }
    BulkRequest request = bulk.build();
    BulkResponse response = call("index entries", () -> client.bulk(request));
    if (response.errors()) {
      List<String> failures = new ArrayList<>();
      for (BulkResponseItem item : response.items()) {
        if (item.error() != null && failures.size() < 3) {
          failures.add(item.id() + ": " + item.error().type() + " " + item.error().reason());
        }
      }
      throw new HubException(ErrorCode.LEDGER_INDEX_UNAVAILABLE, "Elasticsearch rejected ledger entries: " + failures);
    }
  }

  @Override
  public Set<String> missing(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    ready();
    // A multi-get is real-time: it sees entries written since the last refresh.
    MgetResponse<Map> response = call("check entries", () -> client.mget(m -> m.index(index)
        .ids(List.copyOf(ids)).source(s -> s.fetch(false)), Map.class));
    Set<String> missing = new LinkedHashSet<>(ids);
    for (MultiGetResponseItem<Map> item : response.docs()) {
      if (item.isResult() && item.result().found()) {
        missing.remove(item.result().id());
      }
    }
    return missing;
  }

  @Override
  public long count() {
    refresh();
    return call("count", () -> client.count(c -> c.index(index)).count());
  }

  @Override
  public void refresh() {
    ready();
    call("refresh", () -> client.indices().refresh(r -> r.index(index)));
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public LedgerSearchResult search(LedgerSearch search) {
    ready();
    Query query = query(search);
    SearchResponse<Map> response = call("search", () -> client.search(s -> s.index(index).query(query)
        .sort(o -> o.field(f -> f.field(LedgerDocument.TIME_US).order(SortOrder.Desc)))
        .sort(o -> o.field(f -> f.field(LedgerDocument.SEQ).order(SortOrder.Desc)))
        .from(search.offset()).size(search.limit()).trackTotalHits(t -> t.enabled(true)), Map.class));
    List<LedgerEntry> entries = new ArrayList<>();
    for (Hit<Map> hit : response.hits().hits()) {
      entries.add(LedgerDocument.toEntry((Map<String, Object>) hit.source()));
    }
    return new LedgerSearchResult(response.hits().total().value(), search.limit(), search.offset(), entries);
  }

  @Override
  public Map<List<String>, Long> countBy(LedgerSearch filter, List<LedgerField> fields) {
    ready();
    Query query = query(filter);
    List<Map<String, CompositeAggregationSource>> sources = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      String field = fields.get(i).indexName();
      sources.add(Map.of("f" + i, CompositeAggregationSource.of(s -> s.terms(t -> t.field(field).missingBucket(true)))));
    }
    Map<List<String>, Long> counts = new HashMap<>();
    Map<String, FieldValue> after = null;
    while (true) {
      Map<String, FieldValue> afterKey = after;
      Aggregation groups = Aggregation.of(a -> a.composite(c -> {
        c.size(COMPOSITE_PAGE).sources(sources);
        if (afterKey != null) {
          c.after(afterKey);
        }
        return c;
      }));
      SearchResponse<Void> response = call("count groups", () -> client.search(s -> s.index(index).query(query)
          .size(0).aggregations("groups", groups), Void.class));
      CompositeAggregate composite = response.aggregations().get("groups").composite();
      for (CompositeBucket bucket : composite.buckets().array()) {
        List<String> key = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
          FieldValue v = bucket.key().get("f" + i);
          key.add(v == null || v.isNull() ? null : v.isString() ? v.stringValue() : v._toJsonString());
        }
        counts.merge(key, bucket.docCount(), Long::sum);
      }
      if (composite.buckets().array().size() < COMPOSITE_PAGE || composite.afterKey() == null
          || composite.afterKey().isEmpty()) {
        return counts;
      }
      after = composite.afterKey();
    }
  }

  @Override
  public void deleteAll() {
    call("delete all entries", () -> {
      client.indices().delete(d -> d.index(index, stateIndex).ignoreUnavailable(true));
      return null;
    });
    ensureIndex();
  }

  @Override
  @SuppressWarnings("rawtypes")
  public long reindexCheckpoint() {
    return call("read the reindex checkpoint", () -> {
      if (!client.indices().exists(e -> e.index(stateIndex)).value()) {
        return 0L;
      }
      GetResponse<Map> state = client.get(g -> g.index(stateIndex).id(CHECKPOINT_ID), Map.class);
      return state.found() ? ((Number) state.source().get("seq")).longValue() : 0L;
    });
  }

  @Override
  public void saveReindexCheckpoint(long seq) {
    ready();
    // Bulk responses come after the translog is fsynced, so every entry before this is durable.
    call("save the reindex checkpoint", () -> client.index(i -> i.index(stateIndex).id(CHECKPOINT_ID)
        .document(Map.of("seq", seq))));
  }

  @Override
  public Map<String, Object> health() {
    ready();
    return call("report health", () -> {
      var health = client.cluster().health(h -> h.index(index));
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("backend", name());
      details.put("url", settings.url());
      details.put("index", index);
      details.put("status", health.status().jsonValue());
      details.put("entries", client.count(c -> c.index(index)).count());
      details.put("reindexCheckpoint", reindexCheckpoint());
      return details;
    });
  }

  /** The cluster status of the index: green, yellow or red. */
  public String status() {
    return call("report health", () -> client.cluster().health(h -> h.index(index)).status().jsonValue());
  }

  @Override
  public void close() {
    try {
      rest.close();
    } catch (IOException e) {
      // Closing a client on shutdown: nothing left to do with the failure.
    }
  }

  // --- queries -------------------------------------------------------------------------------

  private static Query query(LedgerSearch s) {
    List<Query> filters = new ArrayList<>();
    term(filters, LedgerDocument.AGENCY, s.agency());
    term(filters, LedgerDocument.UNIT, s.unit());
    term(filters, LedgerDocument.OFFICER, s.officer());
    term(filters, LedgerDocument.DATASET, s.dataset());
    term(filters, LedgerDocument.PURPOSE, s.purpose());
    term(filters, LedgerDocument.DECISION, s.decision());
    term(filters, LedgerDocument.REASON_CODE, s.reasonCode());
    term(filters, LedgerDocument.OUTCOME, s.outcome());
    anyTerm(filters, LedgerDocument.SUBJECT_PSEUDONYM, s.subjectPseudonym());
    if (s.offHours() != null) {
      boolean off = s.offHours();
      filters.add(Query.of(q -> q.term(t -> t.field(LedgerDocument.OFF_HOURS).value(off))));
    }
    if (s.from() != null || s.to() != null) {
      filters.add(Query.of(q -> q.range(r -> r.untyped(u -> {
        u.field(LedgerDocument.TIME_US);
        if (s.from() != null) {
          u.gte(JsonData.of(LedgerDocument.micros(s.from())));
        }
        if (s.to() != null) {
          u.lt(JsonData.of(LedgerDocument.micros(s.to())));
        }
        return u;
      }))));
    }
    if (s.text() != null) {
      filters.add(Query.of(q -> q.multiMatch(m -> m.query(s.text()).fields("purpose.text", "case_ref.text")
          .type(TextQueryType.CrossFields).operator(Operator.And))));
    }
    if (filters.isEmpty()) {
      return Query.of(q -> q.matchAll(m -> m));
    }
    return Query.of(q -> q.bool(b -> b.filter(filters)));
  }

  /** One value, or several separated by commas, any of which matches (pseudonyms of every key version). */
  private static void anyTerm(List<Query> filters, String field, String values) {
    if (values == null || !values.contains(",")) {
      term(filters, field, values);
      return;
    }
    List<FieldValue> any = new ArrayList<>();
    for (String value : values.split(",")) {
      any.add(FieldValue.of(value.trim()));
    }
    filters.add(Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(any)))));
  }

  private static void term(List<Query> filters, String field, String value) {
    if (value != null) {
      filters.add(Query.of(q -> q.term(t -> t.field(field).value(value))));
    }
  }

  private String templateJson() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/elasticsearch/ledger-index-template.json")) {
      if (in == null) {
        throw new IOException("elasticsearch/ledger-index-template.json is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("${index}", index)
          .replace("${shards}", Integer.toString(settings.shards()))
          .replace("${replicas}", Integer.toString(settings.replicas()))
          .replace("${refreshInterval}", settings.refreshInterval().toMillis() + "ms");
    }
  }

  private interface Call<T> {
    T run() throws IOException;
  }

  private <T> T call(String what, Call<T> call) {
    try {
      return call.run();
    } catch (IOException | ElasticsearchException e) {
      throw new HubException(ErrorCode.LEDGER_INDEX_UNAVAILABLE,
          "Elasticsearch at " + settings.url() + " could not " + what + ": " + e.getMessage(), e);
    }
  }
}

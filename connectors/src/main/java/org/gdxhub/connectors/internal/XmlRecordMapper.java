package org.gdxhub.connectors.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.apache.camel.Body;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.jaxen.JaxenException;
import org.jaxen.SimpleNamespaceContext;
import org.jaxen.XPath;
import org.jaxen.dom.DOMXPath;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Maps a source's XML answer (e.g. a SOAP response) to the dataset's canonical record with
 * XPath expressions from configuration: the record element, one expression per canonical
 * field relative to it, and per-element expressions for list-valued fields. The parser
 * refuses DTDs and external entities.
 *
 * <p>XPath 1.0 by Jaxen on the DOM. The JDK's {@code javax.xml.xpath} builds a new evaluation
 * context (variable and node stacks of thousands of slots) for every {@code evaluate}, a dozen
 * times per answer, and its compiled expressions are not thread-safe, so all answers were mapped
 * one at a time under a lock: together the largest single hot spot of the lookup profile after
 * the catalog cache (issue #9, ADR 0017). Compiled Jaxen expressions are kept in a small pool,
 * one set per concurrent caller, so no expression is ever shared between threads either.
 */
public class XmlRecordMapper {

  private final String recordXPath;
  private final Map<String, String> fieldXPaths;
  private final Map<String, Map<String, String>> itemXPaths;
  private final SimpleNamespaceContext namespaces;
  private final Queue<Compiled> pool = new ConcurrentLinkedQueue<>();

  public XmlRecordMapper(String recordXPath, Map<String, String> fields, Map<String, Map<String, String>> items,
      Map<String, String> namespaces) {
    this.recordXPath = recordXPath;
    this.fieldXPaths = new LinkedHashMap<>(fields);
    this.itemXPaths = new LinkedHashMap<>();
    items.forEach((name, subFields) -> this.itemXPaths.put(name, new LinkedHashMap<>(subFields)));
    this.namespaces = new SimpleNamespaceContext(new LinkedHashMap<>(namespaces));
    pool.add(compile()); // fails fast on an invalid expression in the configuration
  }

  /** The canonical record, or null when the answer holds none. */
  public Map<String, Object> map(@Body String xml) {
    if (xml == null || xml.isBlank()) {
      return null;
    }
    Compiled expressions = pool.poll();
    if (expressions == null) {
      expressions = compile();
    }
    try {
      Object node = expressions.record.selectSingleNode(parse(xml));
      if (node == null) {
        return null;
      }
      Map<String, Object> canonical = new LinkedHashMap<>();
      for (var field : expressions.fields.entrySet()) {
        Map<String, XPath> itemFields = expressions.items.get(field.getKey());
        if (itemFields != null) {
          List<?> elements = field.getValue().selectNodes(node);
          List<Map<String, Object>> list = new ArrayList<>();
          for (Object element : elements) {
            list.add(strings(element, itemFields));
          }
          canonical.put(field.getKey(), list);
        } else {
          String value = field.getValue().stringValueOf(node);
          if (value != null && !value.isBlank()) {
            canonical.put(field.getKey(), value.strip());
          }
        }
      }
      return canonical;
    } catch (JaxenException | ParserConfigurationException | SAXException | IOException e) {
      throw new HubException(ErrorCode.SOURCE_UNAVAILABLE, "the source answered with XML that cannot be read", e);
    } finally {
      pool.offer(expressions);
    }
  }

  private static Map<String, Object> strings(Object element, Map<String, XPath> expressions) throws JaxenException {
    Map<String, Object> item = new LinkedHashMap<>();
    for (var e : expressions.entrySet()) {
      String value = e.getValue().stringValueOf(element);
      if (value != null && !value.isBlank()) {
        item.put(e.getKey(), value.strip());
      }
    }
    return item;
  }

  /** One set of compiled expressions, used by one caller at a time. */
  private record Compiled(XPath record, Map<String, XPath> fields, Map<String, Map<String, XPath>> items) {}

  private Compiled compile() {
    Map<String, XPath> fields = new LinkedHashMap<>();
    fieldXPaths.forEach((name, expression) -> fields.put(name, compile(expression)));
    Map<String, Map<String, XPath>> items = new LinkedHashMap<>();
    itemXPaths.forEach((name, subFields) -> {
      Map<String, XPath> compiled = new LinkedHashMap<>();
      subFields.forEach((sub, expression) -> compiled.put(sub, compile(expression)));
      items.put(name, compiled);
    });
    return new Compiled(compile(recordXPath), fields, items);
  }

  private XPath compile(String expression) {
    try {
      XPath xpath = new DOMXPath(expression);
      xpath.setNamespaceContext(namespaces);
      return xpath;
    } catch (JaxenException e) {
      throw new IllegalStateException("invalid XPath in connector configuration: " + expression, e);
    }
  }

  static Document parse(String xml) throws ParserConfigurationException, SAXException, IOException {
    DocumentBuilder builder = IDLE_BUILDERS.poll();
    if (builder == null) {
      builder = SECURE_FACTORY.newDocumentBuilder();
    }
    try {
      return builder.parse(new InputSource(new StringReader(xml)));
    } finally {
      builder.reset();
      IDLE_BUILDERS.offer(builder);
    }
  }

  /**
   * Parsers kept for reuse: a new DocumentBuilder builds a whole parser configuration and its
   * scanner buffers, which was the largest allocation of a SOAP lookup in the JFR profile
   * (issue #9). Lookups run on virtual threads, so a thread-local would never be reused; a
   * bounded queue is, and what does not fit is dropped.
   */
  private static final BlockingQueue<DocumentBuilder> IDLE_BUILDERS = new ArrayBlockingQueue<>(64);

  /**
   * Configured once: {@code DocumentBuilderFactory.newInstance()} looks up the implementation
   * through the service loader (class-path scans) on every call, which showed in the lookup
   * profile (issue #9). Never modified after this, so concurrent newDocumentBuilder() is safe.
   */
  private static final DocumentBuilderFactory SECURE_FACTORY = secureFactory();

  private static DocumentBuilderFactory secureFactory() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      return factory;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the XML parser does not support secure processing", e);
    }
  }
}

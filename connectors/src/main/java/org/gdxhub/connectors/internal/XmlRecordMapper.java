package org.gdxhub.connectors.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.apache.camel.Body;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Maps a source's XML answer (e.g. a SOAP response) to the dataset's canonical record with
 * XPath expressions from configuration: the record element, one expression per canonical
 * field relative to it, and per-element expressions for list-valued fields. The parser
 * refuses DTDs and external entities.
 */
public class XmlRecordMapper {

  private final XPathExpression record;
  private final Map<String, XPathExpression> fields = new LinkedHashMap<>();
  private final Map<String, Map<String, XPathExpression>> items = new LinkedHashMap<>();

  public XmlRecordMapper(String recordXPath, Map<String, String> fields, Map<String, Map<String, String>> items,
      Map<String, String> namespaces) {
    XPath xpath = XPathFactory.newInstance().newXPath();
    xpath.setNamespaceContext(new Namespaces(namespaces));
    this.record = compile(xpath, recordXPath);
    fields.forEach((name, expression) -> this.fields.put(name, compile(xpath, expression)));
    items.forEach((name, subFields) -> {
      Map<String, XPathExpression> compiled = new LinkedHashMap<>();
      subFields.forEach((sub, expression) -> compiled.put(sub, compile(xpath, expression)));
      this.items.put(name, compiled);
    });
  }

  /** The canonical record, or null when the answer holds none. */
  public synchronized Map<String, Object> map(@Body String xml) {
    // synchronized: compiled XPath expressions are not thread-safe
    if (xml == null || xml.isBlank()) {
      return null;
    }
    try {
      Node node = (Node) record.evaluate(parse(xml), XPathConstants.NODE);
      if (node == null) {
        return null;
      }
      Map<String, Object> canonical = new LinkedHashMap<>();
      for (var field : fields.entrySet()) {
        Map<String, XPathExpression> itemFields = items.get(field.getKey());
        if (itemFields != null) {
          NodeList elements = (NodeList) field.getValue().evaluate(node, XPathConstants.NODESET);
          List<Map<String, Object>> list = new ArrayList<>();
          for (int i = 0; i < elements.getLength(); i++) {
            list.add(strings(elements.item(i), itemFields));
          }
          canonical.put(field.getKey(), list);
        } else {
          String value = field.getValue().evaluate(node);
          if (value != null && !value.isBlank()) {
            canonical.put(field.getKey(), value.strip());
          }
        }
      }
      return canonical;
    } catch (XPathExpressionException | ParserConfigurationException | SAXException | IOException e) {
      throw new HubException(ErrorCode.SOURCE_UNAVAILABLE, "the source answered with XML that cannot be read", e);
    }
  }

  private static Map<String, Object> strings(Node element, Map<String, XPathExpression> expressions)
      throws XPathExpressionException {
    Map<String, Object> item = new LinkedHashMap<>();
    for (var e : expressions.entrySet()) {
      String value = e.getValue().evaluate(element);
      if (value != null && !value.isBlank()) {
        item.put(e.getKey(), value.strip());
      }
    }
    return item;
  }

  static Document parse(String xml) throws ParserConfigurationException, SAXException, IOException {
    return SECURE_FACTORY.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

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

  private static XPathExpression compile(XPath xpath, String expression) {
    try {
      return xpath.compile(expression);
    } catch (XPathExpressionException e) {
      throw new IllegalStateException("invalid XPath in connector configuration: " + expression, e);
    }
  }

  private record Namespaces(Map<String, String> prefixes) implements NamespaceContext {
    @Override
    public String getNamespaceURI(String prefix) {
      return prefixes.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
    }

    @Override
    public String getPrefix(String namespaceUri) {
      return prefixes.entrySet().stream().filter(e -> e.getValue().equals(namespaceUri)).map(Map.Entry::getKey)
          .findFirst().orElse(null);
    }

    @Override
    public Iterator<String> getPrefixes(String namespaceUri) {
      return prefixes.entrySet().stream().filter(e -> e.getValue().equals(namespaceUri)).map(Map.Entry::getKey)
          .iterator();
    }
  }
}

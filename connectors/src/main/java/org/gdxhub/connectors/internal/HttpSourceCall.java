package org.gdxhub.connectors.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpMethods;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.connectors.ConnectorGateway;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The request and response steps of one HTTP flow (JSON or SOAP): builds the request for the
 * subject with the source's credentials (HTTP Basic), and turns the answer into a body for the
 * mapper, "no such subject" (null), a final error, or a retryable one. The method header is the
 * HTTP component's own enum: as a string, every call went through Camel's fallback type
 * conversion (≈ 5 % of the hub's allocation in a JFR profile, issue #9).
 */
public class HttpSourceCall {

  static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";

  private final String source;
  private final String url;
  private final ConnectorSources sources;

  public HttpSourceCall(String source, String url, ConnectorSources sources) {
    this.source = source;
    this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.sources = sources;
  }

  /** GET {@code url + path}, with {@code {id}} replaced by the subject. */
  public void prepareGet(Exchange exchange, String path) {
    String subject = exchange.getVariable(ConnectorGateway.SUBJECT_ID, String.class);
    exchange.getIn().setBody(null);
    exchange.getIn().setHeader(Exchange.HTTP_METHOD, HttpMethods.GET);
    exchange.getIn().setHeader(Exchange.HTTP_URI, url + path.replace("{id}", URLEncoder.encode(subject, StandardCharsets.UTF_8)));
    exchange.getIn().setHeader("Accept", "application/json");
    authorize(exchange);
  }

  /** POST a SOAP 1.1 envelope whose body is {@code payload} with {@code {id}} replaced by the subject. */
  public void prepareSoap(Exchange exchange, String soapAction, String payload) {
    String subject = exchange.getVariable(ConnectorGateway.SUBJECT_ID, String.class);
    String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<soap:Envelope xmlns:soap=\"" + SOAP_NS + "\"><soap:Body>"
        + payload.replace("{id}", escapeXml(subject))
        + "</soap:Body></soap:Envelope>";
    exchange.getIn().setBody(envelope);
    exchange.getIn().setHeader(Exchange.HTTP_METHOD, HttpMethods.POST);
    exchange.getIn().setHeader(Exchange.HTTP_URI, url);
    exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "text/xml; charset=utf-8");
    exchange.getIn().setHeader("SOAPAction", "\"" + (soapAction == null ? "" : soapAction) + "\"");
    authorize(exchange);
  }

  /** 2xx: the JSON body; 404: no such subject (null); 401/403 and other 4xx: final; 5xx: retryable. */
  public String checkJson(Exchange exchange) throws IOException {
    int status = status(exchange);
    String body = exchange.getIn().getBody(String.class);
    if (status >= 200 && status < 300) {
      return body;
    }
    if (status == 404) {
      return null;
    }
    throw failure(status, abbreviate(body));
  }

  /** 200: the SOAP response; a SOAP fault: final for a client fault, retryable for a server fault. */
  public String checkSoap(Exchange exchange) throws IOException {
    int status = status(exchange);
    String body = exchange.getIn().getBody(String.class);
    if (status >= 200 && status < 300) {
      return body;
    }
    String fault = faultOf(body);
    if (fault != null && fault.startsWith("client:")) {
      throw new HubException(ErrorCode.SOURCE_UNAVAILABLE, source + " refused the request: " + fault.substring(7));
    }
    throw failure(status, fault != null ? fault : abbreviate(body));
  }

  private IOException failure(int status, String detail) {
    if (status == 401 || status == 403) {
      throw new HubException(ErrorCode.SOURCE_UNAVAILABLE,
          source + " refused the hub's credentials (HTTP " + status + "); check its credentials in the store");
    }
    if (status >= 400 && status < 500) {
      throw new HubException(ErrorCode.SOURCE_UNAVAILABLE, source + " rejected the request (HTTP " + status + "): " + detail);
    }
    return new SourceAnswerException(source + " answered HTTP " + status + ": " + detail);
  }

  private void authorize(Exchange exchange) {
    sources.credentials(source).ifPresent(c -> exchange.getIn().setHeader("Authorization", "Basic "
        + Base64.getEncoder().encodeToString((c.username() + ":" + c.secret()).getBytes(StandardCharsets.UTF_8))));
  }

  private static int status(Exchange exchange) {
    Integer status = exchange.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    return status == null ? 0 : status;
  }

  /** "client: ..." or "server: ..." from a SOAP 1.1 fault, or null when the body is none. */
  static String faultOf(String body) {
    if (body == null || !body.contains("Fault")) {
      return null;
    }
    try {
      Document document = XmlRecordMapper.parse(body);
      NodeList faults = document.getElementsByTagNameNS(SOAP_NS, "Fault");
      if (faults.getLength() == 0) {
        return null;
      }
      Element fault = (Element) faults.item(0);
      String code = text(fault, "faultcode");
      String message = text(fault, "faultstring");
      return (code.toLowerCase().contains("client") ? "client: " : "server: ") + message;
    } catch (ParserConfigurationException | SAXException | IOException e) {
      return null;
    }
  }

  private static String text(Element parent, String name) {
    NodeList nodes = parent.getElementsByTagName(name);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
  }

  private static String abbreviate(String body) {
    if (body == null) {
      return "";
    }
    String flat = body.replaceAll("\\s+", " ").strip();
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }

  static String escapeXml(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&apos;");
  }
}

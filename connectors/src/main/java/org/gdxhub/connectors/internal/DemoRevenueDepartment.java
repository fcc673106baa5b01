package org.gdxhub.connectors.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import javax.xml.parsers.ParserConfigurationException;

import org.gdxhub.common.SubjectId;
import org.gdxhub.connectors.CredentialsProvider.Credentials;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Revenue Department's VAT registration web service, as a demo SOAP 1.1 service:
 * {@code POST /rd/ws/vat} with {@code GetVatRegistration(TIN)}, WSDL at {@code GET /rd/ws/vat?wsdl}.
 * Registrants are juristic persons of the demo business registry (tax ID = juristic ID) and
 * individuals of the demo population registry (tax ID = citizen ID) who trade as shops.
 * An ID that is not VAT-registered yields an empty response; a malformed one a client fault.
 */
class DemoRevenueDepartment extends DemoHttpServer {

  static final String KIND = "revenue-department";
  static final String NS = "urn:rd.go.th:vat-registration:v1";
  private static final long SEED = 2_559_0002L;

  /** A VAT registrant as the department stores it. */
  record Registrant(String tin, String name, String tradeName, String type, LocalDate registered, String status,
      List<Branch> branches) {}

  record Branch(String number, String name, String address) {}

  /** A person who may trade as a shop: citizen ID, full Thai name, registered address. */
  record Person(String citizenId, String fullNameTh, String address) {}

  private final Map<String, Registrant> registrants;

  DemoRevenueDepartment(String name, int port, Duration delay, Credentials credentials, DemoBusinessRegistry companies,
      List<Person> people) {
    super(name, port, delay, credentials);
    this.registrants = generate(companies, people);
  }

  /** Tax IDs registered for VAT, sorted. */
  List<String> registeredIds() {
    return List.copyOf(registrants.keySet());
  }

  @Override
  protected void contexts(HttpServer server) {
    protect(server.createContext("/rd/ws/vat", handler(exchange -> {
      if ("GET".equals(exchange.getRequestMethod()) && "wsdl".equalsIgnoreCase(exchange.getRequestURI().getQuery())) {
        send(exchange, 200, "text/xml; charset=utf-8", wsdl(exchange));
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "text/plain", "POST a SOAP 1.1 envelope, or GET ?wsdl");
        return;
      }
      answer(exchange);
    })));
  }

  private void answer(HttpExchange exchange) throws IOException {
    String tin;
    try (InputStream in = exchange.getRequestBody()) {
      Document request = XmlRecordMapper.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      NodeList tins = request.getElementsByTagNameNS(NS, "TIN");
      if (request.getElementsByTagNameNS(NS, "GetVatRegistration").getLength() == 0 || tins.getLength() == 0) {
        fault(exchange, "soap:Client", "expected GetVatRegistration with a TIN");
        return;
      }
      tin = tins.item(0).getTextContent().strip();
    } catch (ParserConfigurationException | SAXException e) {
      fault(exchange, "soap:Client", "the request is not a well-formed SOAP envelope");
      return;
    }
    if (!SubjectId.isValidThirteenDigit(tin)) {
      fault(exchange, "soap:Client", "TIN must be 13 digits with a valid check digit");
      return;
    }
    Registrant r = registrants.get(tin);
    StringBuilder body = new StringBuilder("<vat:GetVatRegistrationResponse>");
    if (r != null) {
      body.append("<vat:VatRegistrant>")
          .append(element("TIN", r.tin())).append(element("Name", r.name())).append(element("TradeName", r.tradeName()))
          .append(element("RegistrantType", r.type())).append(element("RegistrationDate", r.registered().toString()))
          .append(element("Status", r.status())).append("<vat:Branches>");
      for (Branch b : r.branches()) {
        body.append("<vat:Branch>").append(element("BranchNo", b.number())).append(element("BranchName", b.name()))
            .append(element("Address", b.address())).append("</vat:Branch>");
      }
      body.append("</vat:Branches></vat:VatRegistrant>");
    }
    body.append("</vat:GetVatRegistrationResponse>");
    send(exchange, 200, "text/xml; charset=utf-8", envelope(body.toString()));
  }

  private static void fault(HttpExchange exchange, String code, String message) throws IOException {
    send(exchange, 500, "text/xml; charset=utf-8", envelope("<soap:Fault><faultcode>" + code + "</faultcode><faultstring>"
        + HttpSourceCall.escapeXml(message) + "</faultstring></soap:Fault>"));
  }

  private static String envelope(String body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\"" + HttpSourceCall.SOAP_NS
        + "\" xmlns:vat=\"" + NS + "\"><soap:Body>" + body + "</soap:Body></soap:Envelope>";
  }

  private static String element(String name, String value) {
    return value == null ? "" : "<vat:" + name + ">" + HttpSourceCall.escapeXml(value) + "</vat:" + name + ">";
  }

  private static Map<String, Registrant> generate(DemoBusinessRegistry companies, List<Person> people) {
    Random random = new Random(SEED);
    Map<String, Registrant> registrants = new TreeMap<>();
    if (companies != null) {
      for (String id : companies.juristicIds()) {
        Map<String, Object> company = companies.company(id);
        boolean registered = random.nextInt(10) < 7;
        if (!registered) {
          continue;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> name = (Map<String, Object>) company.get("name");
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) company.get("status");
        @SuppressWarnings("unchecked")
        Map<String, Object> address = (Map<String, Object>) company.get("address");
        LocalDate since = LocalDate.parse((String) company.get("registrationDate")).plusDays(30 + random.nextInt(700));
        List<Branch> branches = new java.util.ArrayList<>();
        branches.add(new Branch("00000", "สำนักงานใหญ่", (String) address.get("fullTh")));
        int more = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
        for (int b = 1; b <= more; b++) {
          String[] place = DemoNames.PLACES[random.nextInt(DemoNames.PLACES.length)];
          branches.add(new Branch("%05d".formatted(b), "สาขา" + place[2],
              (1 + random.nextInt(300)) + " ตำบล" + place[0] + " อำเภอ" + place[1] + " จังหวัด" + place[2] + " " + place[4]));
        }
        registrants.put(id, new Registrant(id, (String) name.get("th"), null, "juristic_person", since,
            "1".equals(status.get("code")) ? "active" : "cancelled", branches));
      }
    }
    for (Person person : people) {
      if (random.nextInt(8) != 0) {
        continue;
      }
      String firstName = person.fullNameTh().replaceFirst("^(นาย|นาง|นางสาว)", "").split(" ")[0];
      registrants.put(person.citizenId(), new Registrant(person.citizenId(), person.fullNameTh(),
          "ร้าน" + firstName + "พาณิชย์", "individual", LocalDate.of(2010 + random.nextInt(15), 1 + random.nextInt(12),
              1 + random.nextInt(28)), "active", List.of(new Branch("00000", "สำนักงานใหญ่", person.address()))));
    }
    return registrants;
  }

  private String wsdl(HttpExchange exchange) {
    String location = "http://" + exchange.getLocalAddress().getHostString() + ":" + port() + "/rd/ws/vat";
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
            xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:vat="%1$s" targetNamespace="%1$s" name="VatRegistrationService">
          <types>
            <xsd:schema targetNamespace="%1$s" elementFormDefault="qualified">
              <xsd:element name="GetVatRegistration">
                <xsd:complexType><xsd:sequence><xsd:element name="TIN" type="xsd:string"/></xsd:sequence></xsd:complexType>
              </xsd:element>
              <xsd:element name="GetVatRegistrationResponse">
                <xsd:complexType><xsd:sequence>
                  <xsd:element name="VatRegistrant" minOccurs="0">
                    <xsd:complexType><xsd:sequence>
                      <xsd:element name="TIN" type="xsd:string"/>
                      <xsd:element name="Name" type="xsd:string"/>
                      <xsd:element name="TradeName" type="xsd:string" minOccurs="0"/>
                      <xsd:element name="RegistrantType" type="xsd:string"/>
                      <xsd:element name="RegistrationDate" type="xsd:date"/>
                      <xsd:element name="Status" type="xsd:string"/>
                      <xsd:element name="Branches">
                        <xsd:complexType><xsd:sequence>
                          <xsd:element name="Branch" maxOccurs="unbounded">
                            <xsd:complexType><xsd:sequence>
                              <xsd:element name="BranchNo" type="xsd:string"/>
                              <xsd:element name="BranchName" type="xsd:string"/>
                              <xsd:element name="Address" type="xsd:string"/>
                            </xsd:sequence></xsd:complexType>
                          </xsd:element>
                        </xsd:sequence></xsd:complexType>
                      </xsd:element>
                    </xsd:sequence></xsd:complexType>
                  </xsd:element>
                </xsd:sequence></xsd:complexType>
              </xsd:element>
            </xsd:schema>
          </types>
          <message name="GetVatRegistrationRequest"><part name="parameters" element="vat:GetVatRegistration"/></message>
          <message name="GetVatRegistrationResponse"><part name="parameters" element="vat:GetVatRegistrationResponse"/></message>
          <portType name="VatRegistrationPort">
            <operation name="GetVatRegistration">
              <input message="vat:GetVatRegistrationRequest"/><output message="vat:GetVatRegistrationResponse"/>
            </operation>
          </portType>
          <binding name="VatRegistrationBinding" type="vat:VatRegistrationPort">
            <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
            <operation name="GetVatRegistration">
              <soap:operation soapAction="%1$s/GetVatRegistration"/>
              <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output>
            </operation>
          </binding>
          <service name="VatRegistrationService">
            <port name="VatRegistrationPort" binding="vat:VatRegistrationBinding"><soap:address location="%2$s"/></port>
          </service>
        </definitions>
        """.formatted(NS, location);
  }
}

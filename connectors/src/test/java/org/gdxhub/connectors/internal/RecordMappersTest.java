package org.gdxhub.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.junit.jupiter.api.Test;

/** The configuration-driven mapping of a source's JSON or XML answer to the canonical record. */
class RecordMappersTest {

  @Test
  void jsonPointersMapFieldsAndListElements() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("juristic_id", "/juristicId");
    fields.put("name_th", "/name/th");
    fields.put("capital", "/capital/amount");
    fields.put("directors", "/committees");
    fields.put("missing", "/nowhere");
    var mapper = new JsonRecordMapper(null, fields, Map.of("directors", Map.of("name", "/fullName")));
    Map<String, Object> record = mapper.map("""
        {"juristicId":"0105536000011","name":{"th":"บริษัท ก จำกัด"},"capital":{"amount":1000000.50},
         "committees":[{"fullName":"นายก","seq":1},{"fullName":"นางข","seq":2}],"secret":"dropped"}""");
    assertThat(record).containsOnlyKeys("juristic_id", "name_th", "capital", "directors");
    assertThat(record.get("capital")).isEqualTo(new BigDecimal("1000000.50"));
    assertThat(record.get("directors")).isEqualTo(List.of(Map.of("name", "นายก"), Map.of("name", "นางข")));
  }

  @Test
  void jsonWithoutTheRecordIsNoRecordAndMalformedJsonIsASourceFailure() {
    var mapper = new JsonRecordMapper("/result", Map.of("id", "/id"), Map.of());
    assertThat(mapper.map("{\"result\":null}")).isNull();
    assertThat(mapper.map(null)).isNull();
    assertThatThrownBy(() -> mapper.map("{not json")).isInstanceOfSatisfying(HubException.class,
        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE));
  }

  @Test
  void xpathMapsASoapAnswerWithNamespaces() {
    var mapper = new XmlRecordMapper("/soap:Envelope/soap:Body/v:R/v:Registrant",
        Map.of("tax_id", "v:TIN", "branches", "v:Branches/v:Branch"),
        Map.of("branches", Map.of("no", "v:No")),
        Map.of("soap", HttpSourceCall.SOAP_NS, "v", "urn:test"));
    String answer = """
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:v="urn:test"><soap:Body>
        <v:R><v:Registrant><v:TIN> 0105536000011 </v:TIN><v:Branches><v:Branch><v:No>00000</v:No></v:Branch>
        <v:Branch><v:No>00001</v:No></v:Branch></v:Branches></v:Registrant></v:R></soap:Body></soap:Envelope>""";
    Map<String, Object> record = mapper.map(answer);
    assertThat(record).containsEntry("tax_id", "0105536000011");
    assertThat(record.get("branches")).isEqualTo(List.of(Map.of("no", "00000"), Map.of("no", "00001")));
    assertThat(mapper.map(answer.replace("<v:Registrant>", "<v:Other>").replace("</v:Registrant>", "</v:Other>")))
        .isNull();
  }

  @Test
  void concurrentCallersEachGetTheirOwnAnswersRecord() throws Exception {
    var mapper = new XmlRecordMapper("/soap:Envelope/soap:Body/v:R/v:Registrant",
        Map.of("tax_id", "v:TIN", "branches", "v:Branches/v:Branch"), Map.of("branches", Map.of("no", "v:No")),
        Map.of("soap", HttpSourceCall.SOAP_NS, "v", "urn:test"));
    var mismatches = new java.util.concurrent.atomic.AtomicInteger();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
      for (int t = 0; t < 8; t++) {
        int thread = t;
        pool.submit(() -> {
          for (int i = 0; i < 500; i++) {
            String tin = "%02d%011d".formatted(thread, i);
            Map<String, Object> record = mapper.map("""
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:v="urn:test"><soap:Body>
                <v:R><v:Registrant><v:TIN>%s</v:TIN><v:Branches><v:Branch><v:No>%s</v:No></v:Branch></v:Branches>
                </v:Registrant></v:R></soap:Body></soap:Envelope>""".formatted(tin, tin));
            if (!tin.equals(record.get("tax_id")) || !List.of(Map.of("no", tin)).equals(record.get("branches"))) {
              mismatches.incrementAndGet();
            }
          }
        });
      }
    }
    assertThat(mismatches).hasValue(0);
  }

  @Test
  void xmlWithADoctypeIsRefused() {
    var mapper = new XmlRecordMapper("/a", Map.of("b", "b"), Map.of(), Map.of());
    assertThatThrownBy(() -> mapper.map("<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a><b>&x;</b></a>"))
        .isInstanceOf(HubException.class);
  }

  @Test
  void soapFaultsAreClassifiedByTheirCode() {
    String fault = """
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>
        <faultcode>soap:Client</faultcode><faultstring>bad TIN</faultstring></soap:Fault></soap:Body></soap:Envelope>""";
    assertThat(HttpSourceCall.faultOf(fault)).isEqualTo("client: bad TIN");
    assertThat(HttpSourceCall.faultOf(fault.replace("soap:Client", "soap:Server"))).isEqualTo("server: bad TIN");
    assertThat(HttpSourceCall.faultOf("<html>oops</html>")).isNull();
  }
}

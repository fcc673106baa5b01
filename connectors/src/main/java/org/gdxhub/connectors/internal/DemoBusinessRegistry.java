package org.gdxhub.connectors.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gdxhub.common.SubjectId;
import org.gdxhub.connectors.CredentialsProvider.Credentials;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * The Department of Business Development's registry of juristic persons, as a demo HTTP/JSON
 * API in the department's own shape (camelCase, nested names and codes), which the connector
 * maps to the hub's canonical records:
 * <pre>
 * GET /dbd/api/v1/juristic-persons/{juristicId}                 company details
 * GET /dbd/api/v1/juristic-persons/{juristicId}/shareholders    shareholder list
 * GET /dbd/api/v1/health                                        (no credentials needed)
 * </pre>
 * Deterministic (fixed seed): the same 13-digit juristic IDs, with valid check digits, everywhere.
 */
class DemoBusinessRegistry extends DemoHttpServer {

  static final String KIND = "business-registry";
  private static final long SEED = 2_543_0001L;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern PATH = Pattern.compile("/dbd/api/v1/juristic-persons/([^/]+)(/shareholders)?/?");

  /** type code (the 4th digit of the ID), Thai, English, name prefix/suffix th, suffix en. */
  private static final String[][] TYPES = {
      {"5", "บริษัทจำกัด", "Company Limited", "บริษัท ", " จำกัด", " Company Limited"},
      {"3", "ห้างหุ้นส่วนจำกัด", "Limited Partnership", "ห้างหุ้นส่วนจำกัด ", "", " Limited Partnership"},
      {"7", "บริษัทมหาชนจำกัด", "Public Company Limited", "บริษัท ", " จำกัด (มหาชน)", " Public Company Limited"}};
  private static final String[][] NAME_WORDS = {
      {"สยาม", "Siam"}, {"รุ่งเรือง", "Rungrueang"}, {"เจริญกิจ", "Charoenkit"}, {"ไทยพัฒนา", "Thai Pattana"},
      {"ศรีนคร", "Sri Nakhon"}, {"มั่งมี", "Mangmee"}, {"บางรัก", "Bang Rak"}, {"ทองดี", "Thongdee"},
      {"สุวรรณภูมิ", "Suvarnabhumi"}, {"เอเชีย", "Asia"}, {"อุดมสุข", "Udomsuk"}, {"ชัยมงคล", "Chaimongkol"}};
  /** name word th, en, TSIC code, objective (th). */
  private static final String[][] BUSINESSES = {
      {"เทรดดิ้ง", "Trading", "46900", "ขายส่งสินค้าทั่วไป"},
      {"คอนสตรัคชั่น", "Construction", "41001", "ก่อสร้างอาคารที่อยู่อาศัยและอาคารพาณิชย์"},
      {"ฟู้ดส์", "Foods", "10799", "ผลิตอาหารสำเร็จรูปและเครื่องปรุงรส"},
      {"เทคโนโลยี", "Technology", "62010", "พัฒนาซอฟต์แวร์และให้คำปรึกษาด้านคอมพิวเตอร์"},
      {"โลจิสติกส์", "Logistics", "52291", "ให้บริการขนส่งและกระจายสินค้า"},
      {"อะกริ", "Agri", "01110", "ปลูกพืชไร่และจำหน่ายผลผลิตทางการเกษตร"},
      {"ดีเวลลอปเมนท์", "Development", "68101", "พัฒนาและให้เช่าอสังหาริมทรัพย์"},
      {"ทราเวล", "Travel", "79110", "ตัวแทนธุรกิจนำเที่ยว"}};
  private static final String[][] STATUSES = { // code, th, en; weights below
      {"1", "ยังดำเนินกิจการอยู่", "Active"}, {"2", "เสร็จการชำระบัญชี", "Liquidated"}, {"3", "ร้าง", "Abandoned"}};
  private static final String[] STREETS = {"ถนนสีลม", "ถนนสุรวงศ์", "ถนนเจริญกรุง", "ถนนพระราม 4", "ถนนนิมมานเหมินท์",
      "ถนนมิตรภาพ", "ถนนเยาวราช"};

  private final Map<String, Map<String, Object>> companies;
  private final Map<String, Map<String, Object>> shareholders;

  DemoBusinessRegistry(String name, int port, Duration delay, Credentials credentials, int count) {
    super(name, port, delay, credentials);
    Generated data = generate(count);
    this.companies = data.companies;
    this.shareholders = data.shareholders;
  }

  /** Juristic IDs in the registry, sorted. */
  List<String> juristicIds() {
    return List.copyOf(companies.keySet());
  }

  /** The department's record of a company (its own JSON shape), for the VAT demo and tests. */
  Map<String, Object> company(String juristicId) {
    return companies.get(juristicId);
  }

  @Override
  protected void contexts(HttpServer server) {
    server.createContext("/dbd/api/v1/health", handler(exchange -> send(exchange, 200, "application/json",
        "{\"status\":\"UP\"}")));
    protect(server.createContext("/dbd/api/v1/juristic-persons/", handler(exchange -> {
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "application/json", error("method_not_allowed", "use GET"));
        return;
      }
      Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
      if (!m.matches()) {
        send(exchange, 404, "application/json", error("not_found", "no such resource"));
        return;
      }
      String id = m.group(1);
      if (!SubjectId.isValidThirteenDigit(id)) {
        send(exchange, 400, "application/json", error("invalid_juristic_id", "13 digits with a valid check digit"));
        return;
      }
      Map<String, Object> found = m.group(2) == null ? companies.get(id) : shareholders.get(id);
      if (found == null) {
        send(exchange, 404, "application/json", error("juristic_person_not_found", "no juristic person " + id));
        return;
      }
      send(exchange, 200, "application/json; charset=utf-8", JSON.writeValueAsString(found));
    })));
  }

  private static String error(String code, String message) {
    return JSON.writeValueAsString(Map.of("errorCode", code, "errorMessage", message));
  }

  private record Generated(Map<String, Map<String, Object>> companies, Map<String, Map<String, Object>> shareholders) {}

  private static Generated generate(int count) {
    Random random = new Random(SEED);
    Map<String, Map<String, Object>> companies = new TreeMap<>();
    Map<String, Map<String, Object>> holders = new TreeMap<>();
    Set<String> ids = new HashSet<>();
    for (int n = 0; n < count; n++) {
      int typeRoll = random.nextInt(20);
      String[] type = TYPES[typeRoll < 14 ? 0 : typeRoll < 19 ? 1 : 2];
      int beYear = 2530 + random.nextInt(38);
      String id;
      do {
        id = SubjectId.withCheckDigit("010" + type[0] + (beYear % 100) + "%06d".formatted(random.nextInt(1_000_000)));
      } while (!ids.add(id));
      String[] word = NAME_WORDS[random.nextInt(NAME_WORDS.length)];
      String[] business = BUSINESSES[random.nextInt(BUSINESSES.length)];
      String nameTh = type[3] + word[0] + " " + business[0] + type[4];
      String nameEn = word[1] + " " + business[1] + type[5];
      int statusRoll = random.nextInt(20);
      String[] status = STATUSES[statusRoll < 17 ? 0 : statusRoll < 19 ? 1 : 2];
      LocalDate registered = LocalDate.of(beYear - 543, 1 + random.nextInt(12), 1 + random.nextInt(28));
      long parValue = type[0].equals("3") ? 1 : type[0].equals("7") ? 1 : 100;
      long totalShares = type[0].equals("7") ? 100_000_000L * (1 + random.nextInt(20))
          : type[0].equals("3") ? 100_000L * (1 + random.nextInt(50)) : 10_000L * (1 + random.nextInt(100));
      String[] place = DemoNames.PLACES[random.nextInt(DemoNames.PLACES.length)];
      String houseNo = (1 + random.nextInt(999)) + (random.nextBoolean() ? "" : "/" + (1 + random.nextInt(50)));
      String street = STREETS[random.nextInt(STREETS.length)];

      List<Map<String, Object>> committees = new ArrayList<>();
      int directors = type[0].equals("3") ? 1 : 1 + random.nextInt(type[0].equals("7") ? 7 : 4);
      List<String[]> people = new ArrayList<>();
      for (int d = 0; d < directors; d++) {
        String[] person = DemoNames.adult(random);
        people.add(person);
        committees.add(ordered("seq", d + 1, "fullNameTh", person[0] + person[1] + " " + person[2],
            "fullNameEn", person[5] + " " + person[3] + " " + person[4],
            "position", type[0].equals("3") ? "managing partner" : d == 0 ? "managing director" : "director"));
      }
      String signatoryTh = type[0].equals("3")
          ? "หุ้นส่วนผู้จัดการ " + people.getFirst()[0] + people.getFirst()[1] + " " + people.getFirst()[2]
              + " ลงลายมือชื่อและประทับตราสำคัญของห้าง"
          : directors == 1
              ? "กรรมการคนเดียวลงลายมือชื่อและประทับตราสำคัญของบริษัท"
              : "กรรมการสองคนลงลายมือชื่อร่วมกันและประทับตราสำคัญของบริษัท";
      List<Map<String, Object>> objectives = new ArrayList<>();
      objectives.add(ordered("tsic", business[2], "descriptionTh", business[3]));
      if (random.nextBoolean()) {
        String[] other = BUSINESSES[random.nextInt(BUSINESSES.length)];
        if (!other[2].equals(business[2])) {
          objectives.add(ordered("tsic", other[2], "descriptionTh", other[3]));
        }
      }
      Map<String, Object> address = ordered("houseNo", houseNo, "road", street, "subdistrict", place[0],
          "district", place[1], "province", place[2], "postcode", place[4],
          "fullTh", houseNo + " " + street + " แขวง/ตำบล" + place[0] + " เขต/อำเภอ" + place[1] + " จังหวัด" + place[2]
              + " " + place[4]);
      companies.put(id, ordered(
          "juristicId", id,
          "juristicType", ordered("code", type[0], "nameTh", type[1], "nameEn", type[2]),
          "name", ordered("th", nameTh, "en", nameEn),
          "status", ordered("code", status[0], "nameTh", status[1], "nameEn", status[2]),
          "registrationDate", registered.toString(),
          "registeredCapital", ordered("amount", parValue * totalShares, "currency", "THB"),
          "address", address,
          "committees", committees,
          "authorizedSignatory", ordered("th", signatoryTh),
          "objectives", objectives));

      // Shareholders: the directors first, then other holders; shares add up to the total.
      List<Map<String, Object>> list = new ArrayList<>();
      int holders_ = Math.max(2, directors + random.nextInt(4));
      long remaining = totalShares;
      for (int h = 0; h < holders_; h++) {
        String[] person = h < people.size() ? people.get(h) : DemoNames.adult(random);
        long shares = h == holders_ - 1 ? remaining : Math.max(1, remaining / (2 + random.nextInt(3)));
        remaining -= shares;
        boolean foreign = random.nextInt(15) == 0;
        list.add(ordered("seq", h + 1, "holderName", person[0] + person[1] + " " + person[2],
            "nationality", foreign ? "ญี่ปุ่น" : "ไทย", "shareCount", shares));
      }
      holders.put(id, ordered("juristicId", id, "juristicNameTh", nameTh,
          "asOfDate", LocalDate.of(2025, 4, 30).toString(),
          "capital", ordered("totalShares", totalShares, "parValue", parValue, "currency", "THB"),
          "shareholders", list));
    }
    return new Generated(companies, holders);
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}

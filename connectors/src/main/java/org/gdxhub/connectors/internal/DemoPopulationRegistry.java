package org.gdxhub.connectors.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import javax.sql.DataSource;

import org.gdxhub.common.SubjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Seeds the demo population registry with synthetic households. Deterministic (fixed seed),
 * so the same citizen IDs exist on every machine; every ID carries a valid check digit.
 */
class DemoPopulationRegistry {

  private static final Logger log = LoggerFactory.getLogger(DemoPopulationRegistry.class);
  private static final long SEED = 2_560_021L;

  private static final String[][] MALE_NAMES = {
      {"สมชาย", "Somchai"}, {"ประเสริฐ", "Prasert"}, {"วิชัย", "Wichai"}, {"สุรชัย", "Surachai"},
      {"อนุชา", "Anucha"}, {"ธนากร", "Thanakorn"}, {"กิตติพงษ์", "Kittipong"}, {"ณัฐพล", "Nattapon"}};
  private static final String[][] FEMALE_NAMES = {
      {"สมศรี", "Somsri"}, {"มาลี", "Malee"}, {"วันเพ็ญ", "Wanpen"}, {"สุดารัตน์", "Sudarat"},
      {"กาญจนา", "Kanchana"}, {"พิมพ์ชนก", "Pimchanok"}, {"ณัฐธิดา", "Nattida"}, {"อรุณี", "Arunee"}};
  private static final String[][] FAMILY_NAMES = {
      {"ใจดี", "Jaidee"}, {"สุขสวัสดิ์", "Suksawat"}, {"ทองคำ", "Thongkham"}, {"ศรีสุข", "Srisuk"},
      {"บุญมา", "Boonma"}, {"แก้วมณี", "Kaewmanee"}, {"รัตนพันธ์", "Rattanaphan"}, {"วงศ์ไทย", "Wongthai"},
      {"พรหมมา", "Prommma"}, {"เจริญผล", "Charoenphon"}};
  private static final String[][] PLACES = { // subdistrict, district, province th, province en, postcode
      {"บางรัก", "บางรัก", "กรุงเทพมหานคร", "Bangkok", "10500"},
      {"ศรีภูมิ", "เมืองเชียงใหม่", "เชียงใหม่", "Chiang Mai", "50200"},
      {"ในเมือง", "เมืองขอนแก่น", "ขอนแก่น", "Khon Kaen", "40000"},
      {"ตลาดใหญ่", "เมืองภูเก็ต", "ภูเก็ต", "Phuket", "83000"},
      {"ในเมือง", "เมืองนครราชสีมา", "นครราชสีมา", "Nakhon Ratchasima", "30000"}};

  private final DataSource dataSource;
  private final JdbcClient jdbc;

  DemoPopulationRegistry(DataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = JdbcClient.create(dataSource);
  }

  void seedIfEmpty(int people) {
    createSchema();
    Integer existing = jdbc.sql("select count(*) from citizen").query(Integer.class).single();
    if (existing > 0) {
      return;
    }
    Random random = new Random(SEED);
    Set<String> ids = new HashSet<>();
    int seeded = 0;
    int houseNumber = 0;
    while (seeded < people) {
      houseNumber++;
      String[] place = PLACES[random.nextInt(PLACES.length)];
      String houseId = "%011d".formatted(10_000_000_000L + houseNumber * 7_919L);
      jdbc.sql("""
          insert into house (house_id, house_no, moo, street, subdistrict_th, district_th, province_th, province_en,
                             postcode)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(houseId, (1 + random.nextInt(300)) + "/" + (1 + random.nextInt(20)), 1 + random.nextInt(12),
              null, place[0], place[1], place[2], place[3], place[4])
          .update();
      String[] family = FAMILY_NAMES[random.nextInt(FAMILY_NAMES.length)];
      int members = Math.min(1 + random.nextInt(5), people - seeded);
      List<String> memberIds = new ArrayList<>();
      for (int m = 0; m < members; m++) {
        String id = newId(random, ids);
        boolean male = random.nextBoolean();
        String[] given = male ? MALE_NAMES[random.nextInt(MALE_NAMES.length)] : FEMALE_NAMES[random.nextInt(FEMALE_NAMES.length)];
        LocalDate born = LocalDate.of(1940 + random.nextInt(80), 1 + random.nextInt(12), 1 + random.nextInt(28));
        String title = born.isAfter(LocalDate.of(2011, 1, 1)) ? (male ? "ด.ช." : "ด.ญ.") : (male ? "นาย" : "นาง");
        String status = random.nextInt(40) == 0 ? "dead" : "alive";
        jdbc.sql("""
            insert into citizen (citizen_id, title_th, first_name_th, last_name_th, first_name_en, last_name_en,
                                 birth_date, gender, nationality, status, face_image_ref, house_id)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(id, title, given[0], family[0], given[1], family[1], born, male ? "M" : "F", "Thai", status,
                "face://population-registry/" + id + ".jpg", houseId)
            .update();
        jdbc.sql("insert into house_move (citizen_id, moved_on, direction, house_id) values (?, ?, 'in', ?)")
            .params(id, born.plusYears(random.nextInt(10)), houseId).update();
        memberIds.add(id);
        seeded++;
      }
      jdbc.sql("update house set head_citizen_id = ? where house_id = ?").params(memberIds.getFirst(), houseId).update();
    }
    log.info("demo population registry seeded with {} citizens in {} houses", seeded, houseNumber);
  }

  private void createSchema() {
    new ResourceDatabasePopulator(new ClassPathResource("population-registry/schema.sql")).execute(dataSource);
  }

  private static String newId(Random random, Set<String> taken) {
    while (true) {
      StringBuilder twelve = new StringBuilder().append(1 + random.nextInt(5));
      for (int i = 1; i < 12; i++) {
        twelve.append(random.nextInt(10));
      }
      String id = SubjectId.withCheckDigit(twelve.toString());
      if (taken.add(id)) {
        return id;
      }
    }
  }
}

package org.gdxhub.connectors.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

  private static final String[][] MALE_NAMES = DemoNames.MALE;
  private static final String[][] FEMALE_NAMES = DemoNames.FEMALE;
  private static final String[][] FAMILY_NAMES = DemoNames.FAMILY;
  private static final String[][] PLACES = DemoNames.PLACES;

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
    int moved = seedEarlierHouses(houseNumber);
    log.info("demo population registry seeded with {} citizens in {} houses ({} moved house)", seeded, houseNumber, moved);
  }

  /**
   * Gives about a third of the citizens an earlier house: registered there at birth, moved
   * out on the day they moved into their current one. A separate random stream keeps the
   * citizen IDs of the first pass unchanged.
   */
  private int seedEarlierHouses(int houses) {
    Random random = new Random(SEED + 1);
    List<String> houseIds = jdbc.sql("select house_id from house order by house_id").query(String.class).list();
    List<Map<String, Object>> moves = jdbc.sql("""
        select m.citizen_id, m.moved_on, m.house_id, c.birth_date from house_move m
        join citizen c on c.citizen_id = m.citizen_id order by m.citizen_id""").query().listOfRows();
    int moved = 0;
    for (Map<String, Object> move : moves) {
      if (random.nextInt(3) != 0 || houses < 2) {
        continue;
      }
      String current = (String) value(move, "house_id");
      String earlier = houseIds.get(random.nextInt(houseIds.size()));
      Object movedOn = value(move, "moved_on");
      Object born = value(move, "birth_date");
      if (earlier.equals(current) || movedOn.equals(born)) {
        continue;
      }
      String citizen = (String) value(move, "citizen_id");
      jdbc.sql("insert into house_move (citizen_id, moved_on, direction, house_id) values (?, ?, 'in', ?)")
          .params(citizen, born, earlier).update();
      jdbc.sql("insert into house_move (citizen_id, moved_on, direction, house_id) values (?, ?, 'out', ?)")
          .params(citizen, movedOn, earlier).update();
      moved++;
    }
    return moved;
  }

  private static Object value(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value != null ? value : row.get(column.toUpperCase());
  }

  /** Alive citizens with their full Thai name and registered address, by ID (for the demo VAT register). */
  List<DemoRevenueDepartment.Person> people() {
    return jdbc.sql("""
        select c.citizen_id, concat(c.title_th, c.first_name_th, ' ', c.last_name_th) as full_name,
        concat(h.house_no, ' ม.', h.moo, ' ต.', h.subdistrict_th, ' อ.', h.district_th, ' จ.', h.province_th, ' ', h.postcode) as address
        from citizen c join house h on h.house_id = c.house_id where c.status = 'alive' order by c.citizen_id""")
        .query((rs, n) -> new DemoRevenueDepartment.Person(rs.getString(1), rs.getString(2), rs.getString(3))).list();
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

package org.gdxhub.connectors.internal;

import java.util.Random;

/** Thai names and places for the synthetic records of the demo source systems. */
final class DemoNames {

  private DemoNames() {}

  static final String[][] MALE = {
      {"สมชาย", "Somchai"}, {"ประเสริฐ", "Prasert"}, {"วิชัย", "Wichai"}, {"สุรชัย", "Surachai"},
      {"อนุชา", "Anucha"}, {"ธนากร", "Thanakorn"}, {"กิตติพงษ์", "Kittipong"}, {"ณัฐพล", "Nattapon"}};
  static final String[][] FEMALE = {
      {"สมศรี", "Somsri"}, {"มาลี", "Malee"}, {"วันเพ็ญ", "Wanpen"}, {"สุดารัตน์", "Sudarat"},
      {"กาญจนา", "Kanchana"}, {"พิมพ์ชนก", "Pimchanok"}, {"ณัฐธิดา", "Nattida"}, {"อรุณี", "Arunee"}};
  static final String[][] FAMILY = {
      {"ใจดี", "Jaidee"}, {"สุขสวัสดิ์", "Suksawat"}, {"ทองคำ", "Thongkham"}, {"ศรีสุข", "Srisuk"},
      {"บุญมา", "Boonma"}, {"แก้วมณี", "Kaewmanee"}, {"รัตนพันธ์", "Rattanaphan"}, {"วงศ์ไทย", "Wongthai"},
      {"พรหมมา", "Prommma"}, {"เจริญผล", "Charoenphon"}};
  /** subdistrict, district, province (th), province (en), postcode. */
  static final String[][] PLACES = {
      {"บางรัก", "บางรัก", "กรุงเทพมหานคร", "Bangkok", "10500"},
      {"ศรีภูมิ", "เมืองเชียงใหม่", "เชียงใหม่", "Chiang Mai", "50200"},
      {"ในเมือง", "เมืองขอนแก่น", "ขอนแก่น", "Khon Kaen", "40000"},
      {"ตลาดใหญ่", "เมืองภูเก็ต", "ภูเก็ต", "Phuket", "83000"},
      {"ในเมือง", "เมืองนครราชสีมา", "นครราชสีมา", "Nakhon Ratchasima", "30000"}};

  /** {title th, first th, last th, first en, last en} of an adult. */
  static String[] adult(Random random) {
    boolean male = random.nextBoolean();
    String[] given = male ? MALE[random.nextInt(MALE.length)] : FEMALE[random.nextInt(FEMALE.length)];
    String[] family = FAMILY[random.nextInt(FAMILY.length)];
    return new String[] {male ? "นาย" : "นาง", given[0], family[0], given[1], family[1], male ? "Mr." : "Mrs."};
  }
}

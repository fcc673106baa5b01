package org.gdxhub.demo;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gdxhub.catalog.AccessRequest;
import org.gdxhub.catalog.Agency;
import org.gdxhub.catalog.Agency.AgencyUnit;
import org.gdxhub.catalog.Agreement;
import org.gdxhub.catalog.AgreementService;
import org.gdxhub.catalog.AmendAgreement;
import org.gdxhub.catalog.ApproveAccess;
import org.gdxhub.catalog.CatalogService;
import org.gdxhub.catalog.Classification;
import org.gdxhub.catalog.DatasetField;
import org.gdxhub.catalog.RegisterDataset;
import org.gdxhub.catalog.RequestAccess;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.connectors.DemoSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo agencies, datasets and agreements through the same services the API uses:
 * three owners (Central Registration Office, Department of Business Development, Revenue
 * Department), six published datasets served by the bundled demo source systems, and an
 * approved agreement for each for the Bang Rak District Office. Each piece is seeded once,
 * when missing, so a data directory from an older version gains the new datasets.
 */
@Component
@EnableConfigurationProperties(DemoProperties.class)
@ConditionalOnBooleanProperty(name = "hub.demo.enabled", matchIfMissing = true)
public class DemoData implements ApplicationRunner {

  public static final String OWNER = "central-registration-office";
  public static final String CONSUMER = "bangrak-district-office";
  public static final String DATASET = "civil-record";
  public static final String PURPOSE = "welfare-registration";
  public static final String LEGAL_BASIS = "Civil Registration Act B.E. 2534, s. 6";
  public static final String TAX_PURPOSE = "local-tax-assessment";
  public static final String CONNECTOR = "population-registry.civil-record";
  public static final List<String> GRANTED_FIELDS = List.of("citizen_id", "title_th", "first_name_th", "last_name_th",
      "first_name_en", "last_name_en", "birth_date", "status", "address");

  public static final String BUSINESS_OWNER = "business-development-department";
  public static final String REVENUE_OWNER = "revenue-department";
  /** Purpose of the district office's trade-registration desk for the business and tax datasets. */
  public static final String TRADE_PURPOSE = "trade-registration";
  public static final String TRADE_LEGAL_BASIS = "Commercial Registration Act B.E. 2499";

  /** One demo dataset: who owns it, its connector route, fields, and what the demo agreement grants. */
  public record DemoDataset(String id, String owner, String ownerUnit, String connector, String subjectType,
      String purpose, String legalBasis, List<String> grantedFields) {}

  public static final DemoDataset HOUSE_REGISTRATION = new DemoDataset("house-registration", OWNER,
      "registration-bureau", "population-registry.house-registration", "citizen_id", PURPOSE, LEGAL_BASIS,
      List.of("citizen_id", "house_id", "house_no", "address", "head_citizen_id", "head_name_th", "members"));
  public static final DemoDataset MOVE_HISTORY = new DemoDataset("move-history", OWNER, "registration-bureau",
      "population-registry.move-history", "citizen_id", PURPOSE, LEGAL_BASIS,
      List.of("citizen_id", "title_th", "first_name_th", "last_name_th", "current_house_id", "moves"));
  public static final DemoDataset COMPANY_CERTIFICATE = new DemoDataset("company-certificate", BUSINESS_OWNER,
      "business-information", "business-registry.company-certificate", "juristic_id", TRADE_PURPOSE,
      TRADE_LEGAL_BASIS, List.of("juristic_id", "name_th", "name_en", "juristic_type", "status", "registration_date",
          "registered_capital", "address", "directors", "authorised_signatories", "objectives"));
  public static final DemoDataset SHAREHOLDER_LIST = new DemoDataset("shareholder-list", BUSINESS_OWNER,
      "business-information", "business-registry.shareholder-list", "juristic_id", TRADE_PURPOSE, TRADE_LEGAL_BASIS,
      List.of("juristic_id", "name_th", "as_of", "total_shares", "par_value", "shareholders"));
  public static final DemoDataset VAT_REGISTRATION = new DemoDataset("vat-registration", REVENUE_OWNER,
      "information-technology", "revenue-department.vat-registration", "juristic_id", TRADE_PURPOSE,
      TRADE_LEGAL_BASIS, List.of("tax_id", "name_th", "trade_name", "registrant_type", "vat_registration_date",
          "status", "branches"));
  /** The datasets added beside civil-record, in README order. */
  public static final List<DemoDataset> SOURCE_DATASETS = List.of(HOUSE_REGISTRATION, MOVE_HISTORY,
      COMPANY_CERTIFICATE, SHAREHOLDER_LIST, VAT_REGISTRATION);

  /** The registry's change events (ADR 0012): agencies subscribe to them, they do not look them up. */
  public static final String EVENTS_DATASET = "civil-registration-events";
  public static final String EVENTS_CONNECTOR = "population-registry.change-events";
  /** What the district office's events agreement grants: not the house IDs nor the registry's own timestamp. */
  public static final List<String> EVENTS_GRANTED_FIELDS = List.of("event_id", "event_type", "citizen_id", "occurred_on",
      "date_of_death", "to_address");

  private static final Logger log = LoggerFactory.getLogger(DemoData.class);

  private final CatalogService catalog;
  private final AgreementService agreements;
  private final DemoSources sources;
  private final DemoProperties properties;

  public DemoData(CatalogService catalog, AgreementService agreements, DemoSources sources,
      DemoProperties properties) {
    this.catalog = catalog;
    this.agreements = agreements;
    this.sources = sources;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (catalog.agency(OWNER).isEmpty()) {
      seed();
    }
    seedSourceDatasets();
    seedChangeEvents();
    // The demo owner systems may be off (hub.connectors.demo.enabled=false): then there is no sample to show.
    sources.citizenIds().stream().limit(1).forEach(id -> log.info("""
        demo ready; try a lookup as the demo officer of {} (README "Try it", "Authentication"):
          TOKEN=$(curl -s -X POST localhost:8080/api/v1/auth/token -H 'Content-Type: application/json' \\
            -d '{"username":"officer"}' | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
          curl -s -X POST localhost:8080/api/v1/exchange/{}/lookup -H 'Content-Type: application/json' \\
            -H "Authorization: Bearer $TOKEN" \\
            -d '{"subjectId":"{}","purpose":"{}","caseRef":"BR-2569-0001","cardPresent":true}'""",
        CONSUMER, DATASET, id, PURPOSE));
    sources.citizenIds().stream().limit(1).forEach(id -> log.info("the console: http://localhost:8080/console "
        + "(README \"Console\"; demo users steward, officer, unit-head, committee, auditor; citizen ID {})", id));
    log.info("demo subjects: company (company-certificate, shareholder-list, vat-registration) {}, "
        + "VAT-registered individual {}", sampleCompany().orElse("-"), sampleVatIndividual().orElse("-"));
  }

  /** A company limited that is VAT-registered, for the README's lookups. */
  public Optional<String> sampleCompany() {
    return sources.vatRegisteredIds().stream().filter(id -> id.startsWith("0105")).findFirst();
  }

  /** An individual (citizen ID) who is VAT-registered. */
  public Optional<String> sampleVatIndividual() {
    return sources.vatRegisteredIds().stream().filter(id -> !id.startsWith("0")).findFirst();
  }

  private void seed() {
    catalog.registerAgency(new Agency(OWNER, "สำนักทะเบียนกลาง", "Central Registration Office",
        "Ministry of Interior", List.of(new AgencyUnit("registration-bureau", "สำนักบริหารการทะเบียน",
            "Bureau of Registration Administration"))));
    catalog.registerAgency(new Agency(CONSUMER, "สำนักงานเขตบางรัก", "Bang Rak District Office",
        "Bangkok Metropolitan Administration", List.of(
            new AgencyUnit("registration", "ฝ่ายทะเบียน", "Registration Section"),
            new AgencyUnit("public-works", "ฝ่ายโยธา", "Public Works Section"),
            new AgencyUnit("revenue", "ฝ่ายรายได้", "Revenue Section"),
            new AgencyUnit("environment", "ฝ่ายสิ่งแวดล้อมและสุขาภิบาล", "Environment and Sanitation Section"),
            new AgencyUnit("community-development", "ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม",
                "Community Development and Social Welfare Section"),
            new AgencyUnit("municipal-police", "ฝ่ายเทศกิจ", "Municipal Police Section"))));

    var steward = steward(OWNER, "registration-bureau");
    var officer = officer();
    catalog.register(steward, new RegisterDataset(DATASET, "ข้อมูลทะเบียนราษฎร (ไม่รวมภาพใบหน้า)",
        "Civil registration record (excluding face image)",
        "Name, birth date, status and registered address of a person by 13-digit citizen ID.",
        Classification.PERSONAL, "Civil Registration Act B.E. 2534", CONNECTOR, List.of(
            new DatasetField("citizen_id", "เลขประจำตัวประชาชน", "Citizen ID", true, false),
            new DatasetField("title_th", "คำนำหน้านาม", "Title", true, false),
            new DatasetField("first_name_th", "ชื่อ", "First name (Thai)", true, false),
            new DatasetField("last_name_th", "ชื่อสกุล", "Last name (Thai)", true, false),
            new DatasetField("first_name_en", "ชื่อ (อังกฤษ)", "First name (English)", true, false),
            new DatasetField("last_name_en", "ชื่อสกุล (อังกฤษ)", "Last name (English)", true, false),
            new DatasetField("birth_date", "วันเกิด", "Birth date", true, false),
            new DatasetField("gender", "เพศ", "Gender", true, false),
            new DatasetField("nationality", "สัญชาติ", "Nationality", true, false),
            new DatasetField("status", "สถานะบุคคล", "Status (alive/dead)", true, false),
            new DatasetField("address", "ที่อยู่ตามทะเบียนบ้าน", "Registered address", true, false),
            new DatasetField("face_image", "ภาพใบหน้า", "Face image", true, true))));
    catalog.publish(steward, DATASET);

    AccessRequest request = agreements.requestAccess(officer,
        new RequestAccess(DATASET, PURPOSE, LEGAL_BASIS, GRANTED_FIELDS, false));
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Bangkok"));
    Agreement agreement = agreements.approve(steward, request.id(),
        new ApproveAccess(today.minusDays(1), today.plusYears(2), GRANTED_FIELDS, false,
            properties.civilRecordDailyQuota()));
    // An MOU amendment adds a second purpose that needs fewer fields (field minimisation).
    agreement = agreements.amend(steward, agreement.id(), agreement.version(), new AmendAgreement(TAX_PURPOSE,
        List.of("citizen_id", "first_name_th", "last_name_th", "address"), "Local Tax Act B.E. 2562", null, null, null));
    log.info("demo data seeded: agreement {} v{} lets {} look up {}", agreement.id(), agreement.version(), CONSUMER,
        DATASET);
  }

  /** The datasets of the demo source systems, their owners, and an approved agreement for each. */
  private void seedSourceDatasets() {
    if (catalog.agency(BUSINESS_OWNER).isEmpty()) {
      catalog.registerAgency(new Agency(BUSINESS_OWNER, "กรมพัฒนาธุรกิจการค้า", "Department of Business Development",
          "Ministry of Commerce", List.of(new AgencyUnit("business-information", "กองข้อมูลธุรกิจ",
              "Business Information Division"))));
    }
    if (catalog.agency(REVENUE_OWNER).isEmpty()) {
      catalog.registerAgency(new Agency(REVENUE_OWNER, "กรมสรรพากร", "Revenue Department", "Ministry of Finance",
          List.of(new AgencyUnit("information-technology", "ศูนย์สารสนเทศ", "Information Technology Centre"))));
    }
    for (DemoDataset demo : SOURCE_DATASETS) {
      if (catalog.dataset(demo.id()).isPresent()) {
        continue;
      }
      var steward = steward(demo.owner(), demo.ownerUnit());
      catalog.register(steward, registration(demo));
      catalog.publish(steward, demo.id());
      AccessRequest request = agreements.requestAccess(officer(),
          new RequestAccess(demo.id(), demo.purpose(), demo.legalBasis(), demo.grantedFields(), false));
      LocalDate today = LocalDate.now(ZoneId.of("Asia/Bangkok"));
      Agreement agreement = agreements.approve(steward, request.id(), new ApproveAccess(today.minusDays(1),
          today.plusYears(2), demo.grantedFields(), "juristic_id".equals(demo.subjectType()), null));
      log.info("demo data seeded: agreement {} lets {} look up {}", agreement.id(), CONSUMER, demo.id());
    }
  }

  /**
   * The Central Registration Office's change events and an agreement for the district office
   * to receive them (with online access: events arrive without a card being read).
   */
  private void seedChangeEvents() {
    if (catalog.dataset(EVENTS_DATASET).isPresent() || catalog.agency(OWNER).isEmpty()) {
      return;
    }
    var steward = steward(OWNER, "registration-bureau");
    catalog.register(steward, new RegisterDataset(EVENTS_DATASET, "เหตุการณ์ทะเบียนราษฎร (แจ้งตาย ย้ายที่อยู่)",
        "Civil registration events (death recorded, address moved)",
        "Change events of the population registry, delivered to subscribed agencies for the citizens in their "
            + "subscription's scope: death_recorded, address_moved.",
        Classification.PERSONAL, "Civil Registration Act B.E. 2534", EVENTS_CONNECTOR, List.of(
            field("event_id", "รหัสเหตุการณ์", "Event ID", false),
            field("event_type", "ประเภทเหตุการณ์", "Event type", false),
            field("citizen_id", "เลขประจำตัวประชาชน", "Citizen ID", true),
            field("occurred_on", "วันที่เกิดเหตุ", "Date of the change", true),
            field("recorded_at", "วันเวลาที่บันทึก", "Recorded at (registry)", false),
            field("date_of_death", "วันที่ถึงแก่กรรม", "Date of death", true),
            field("from_house_id", "รหัสประจำบ้านเดิม", "Previous house ID", false),
            field("to_house_id", "รหัสประจำบ้านใหม่", "New house ID", false),
            field("to_address", "ที่อยู่ใหม่", "New registered address", true))));
    catalog.publish(steward, EVENTS_DATASET);
    AccessRequest request = agreements.requestAccess(officer(),
        new RequestAccess(EVENTS_DATASET, PURPOSE, LEGAL_BASIS, EVENTS_GRANTED_FIELDS, false));
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Bangkok"));
    Agreement agreement = agreements.approve(steward, request.id(), new ApproveAccess(today.minusDays(1),
        today.plusYears(2), EVENTS_GRANTED_FIELDS, true, null));
    log.info("demo data seeded: agreement {} lets {} subscribe to {}", agreement.id(), CONSUMER, EVENTS_DATASET);
  }

  private static RegisterDataset registration(DemoDataset demo) {
    return switch (demo.id()) {
      case "house-registration" -> new RegisterDataset(demo.id(), "ทะเบียนบ้านและผู้อาศัย", "House registration with members",
          "The house a person is registered in, its head of house and every registered member, by citizen ID.",
          Classification.PERSONAL, "Civil Registration Act B.E. 2534", demo.connector(), List.of(
              field("citizen_id", "เลขประจำตัวประชาชน", "Citizen ID", true),
              field("house_id", "รหัสประจำบ้าน", "House ID", false),
              field("house_no", "บ้านเลขที่", "House number", false),
              field("address", "ที่อยู่", "Address", false),
              field("head_citizen_id", "เลขประจำตัวประชาชนเจ้าบ้าน", "Head of house citizen ID", true),
              field("head_name_th", "ชื่อเจ้าบ้าน", "Head of house name", true),
              field("members", "ผู้อาศัยในบ้าน", "Registered members", true)));
      case "move-history" -> new RegisterDataset(demo.id(), "ประวัติการย้ายที่อยู่", "Move history",
          "Moves into and out of houses of a person, oldest first, by citizen ID.",
          Classification.PERSONAL, "Civil Registration Act B.E. 2534", demo.connector(), List.of(
              field("citizen_id", "เลขประจำตัวประชาชน", "Citizen ID", true),
              field("title_th", "คำนำหน้านาม", "Title", true),
              field("first_name_th", "ชื่อ", "First name (Thai)", true),
              field("last_name_th", "ชื่อสกุล", "Last name (Thai)", true),
              field("current_house_id", "รหัสประจำบ้านปัจจุบัน", "Current house ID", false),
              field("moves", "รายการย้ายเข้า-ออก", "Moves in and out", true)));
      case "company-certificate" -> new RegisterDataset(demo.id(), "หนังสือรับรองนิติบุคคล", "Company certificate",
          "Registered name, type, status, capital, address, directors, signing authority and objectives of a "
              + "juristic person, by 13-digit juristic ID.",
          Classification.PUBLIC, "Civil and Commercial Code, Book III; Public Limited Companies Act B.E. 2535",
          demo.connector(), List.of(
              field("juristic_id", "เลขทะเบียนนิติบุคคล", "Juristic ID", false),
              field("name_th", "ชื่อนิติบุคคล", "Name (Thai)", false),
              field("name_en", "ชื่อนิติบุคคล (อังกฤษ)", "Name (English)", false),
              field("juristic_type", "ประเภทนิติบุคคล", "Juristic person type", false),
              field("status", "สถานะนิติบุคคล", "Status", false),
              field("registration_date", "วันที่จดทะเบียน", "Registration date", false),
              field("registered_capital", "ทุนจดทะเบียน (บาท)", "Registered capital (THB)", false),
              field("address", "ที่ตั้งสำนักงานใหญ่", "Head office address", false),
              field("directors", "รายชื่อกรรมการ", "Directors", true),
              field("authorised_signatories", "กรรมการผู้มีอำนาจลงชื่อ", "Authorised signatories", false),
              field("objectives", "วัตถุประสงค์", "Objectives", false)));
      case "shareholder-list" -> new RegisterDataset(demo.id(), "บัญชีรายชื่อผู้ถือหุ้น", "Shareholder list",
          "Shareholders of a juristic person with their nationality and number of shares, by juristic ID.",
          Classification.PERSONAL, "Civil and Commercial Code, s. 1139", demo.connector(), List.of(
              field("juristic_id", "เลขทะเบียนนิติบุคคล", "Juristic ID", false),
              field("name_th", "ชื่อนิติบุคคล", "Name (Thai)", false),
              field("as_of", "ข้อมูล ณ วันที่", "As of", false),
              field("total_shares", "จำนวนหุ้นทั้งหมด", "Total shares", false),
              field("par_value", "มูลค่าหุ้นละ (บาท)", "Par value (THB)", false),
              field("shareholders", "ผู้ถือหุ้น", "Shareholders", true)));
      case "vat-registration" -> new RegisterDataset(demo.id(), "ใบทะเบียนภาษีมูลค่าเพิ่ม (ภ.พ.20)",
          "VAT registration", "VAT registration of an owner (juristic person or individual) by 13-digit tax ID, "
              + "with its branches.",
          Classification.PERSONAL, "Revenue Code, s. 85", demo.connector(), List.of(
              field("tax_id", "เลขประจำตัวผู้เสียภาษีอากร", "Tax ID", true),
              field("name_th", "ชื่อผู้ประกอบการ", "Registrant name", true),
              field("trade_name", "ชื่อสถานประกอบการ", "Trade name", false),
              field("registrant_type", "ประเภทผู้ประกอบการ", "Registrant type", false),
              field("vat_registration_date", "วันที่จดทะเบียนภาษีมูลค่าเพิ่ม", "VAT registration date", false),
              field("status", "สถานะ", "Status", false),
              field("branches", "สถานประกอบการ (สาขา)", "Branches", false)));
      default -> throw new IllegalStateException("no registration for demo dataset " + demo.id());
    };
  }

  private static DatasetField field(String name, String labelTh, String labelEn, boolean personal) {
    return new DatasetField(name, labelTh, labelEn, personal, false);
  }

  private static CallerIdentity steward(String agency, String unit) {
    return new CallerIdentity(agency, unit, "steward-001", Set.of("owner_steward"));
  }

  private static CallerIdentity officer() {
    return new CallerIdentity(CONSUMER, "registration", "officer-001", Set.of("consumer_officer"));
  }
}

package org.gdxhub.demo;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

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
import org.gdxhub.connectors.PopulationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/** Seeds the demo agencies, dataset and agreement through the same services the API uses. */
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

  private static final Logger log = LoggerFactory.getLogger(DemoData.class);

  private final CatalogService catalog;
  private final AgreementService agreements;
  private final PopulationRegistry registry;

  public DemoData(CatalogService catalog, AgreementService agreements, PopulationRegistry registry) {
    this.catalog = catalog;
    this.agreements = agreements;
    this.registry = registry;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (catalog.agency(OWNER).isEmpty()) {
      seed();
    }
    registry.sampleCitizenIds(1).forEach(id -> log.info("""
        demo ready; try a lookup:
          curl -s -X POST localhost:8080/api/v1/exchange/{}/lookup -H 'Content-Type: application/json' \\
            -H 'X-GDX-Agency: {}' -H 'X-GDX-Unit: registration' -H 'X-GDX-Officer: officer-001' \\
            -d '{"subjectId":"{}","purpose":"{}","caseRef":"BR-2569-0001","cardPresent":true}'""",
        DATASET, CONSUMER, id, PURPOSE));
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

    var steward = new CallerIdentity(OWNER, "registration-bureau", "steward-001", java.util.Set.of("owner_steward"));
    var officer = new CallerIdentity(CONSUMER, "registration", "officer-001", java.util.Set.of("consumer_officer"));
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
        new ApproveAccess(today.minusDays(1), today.plusYears(2), GRANTED_FIELDS, false, 10_000));
    // An MOU amendment adds a second purpose that needs fewer fields (field minimisation).
    agreement = agreements.amend(steward, agreement.id(), agreement.version(), new AmendAgreement(TAX_PURPOSE,
        List.of("citizen_id", "first_name_th", "last_name_th", "address"), "Local Tax Act B.E. 2562", null, null, null));
    log.info("demo data seeded: agreement {} v{} lets {} look up {}", agreement.id(), agreement.version(), CONSUMER,
        DATASET);
  }
}

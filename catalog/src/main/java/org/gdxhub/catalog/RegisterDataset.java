package org.gdxhub.catalog;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;

/** What a data steward submits to register a dataset (it starts as a draft). */
public record RegisterDataset(
    String id,
    String titleTh,
    String titleEn,
    String description,
    Classification classification,
    String legalBasis,
    String connector,
    List<DatasetField> fields) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
  private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** Rejects incomplete or malformed registrations with an invalid_request problem. */
  public RegisterDataset validated() {
    require(id != null && ID.matcher(id).matches(), "id must be 2-64 lowercase letters, digits or '-'");
    require(notBlank(titleTh) && notBlank(titleEn), "titleTh and titleEn are required");
    require(classification != null, "classification is required");
    require(notBlank(legalBasis), "legalBasis is required");
    require(fields != null && !fields.isEmpty(), "at least one field is required");
    var seen = new HashSet<String>();
    for (DatasetField f : fields) {
      require(f != null && f.name() != null && FIELD.matcher(f.name()).matches(),
          "field names must be lowercase snake_case");
      require(seen.add(f.name()), "duplicate field " + f.name());
      require(notBlank(f.labelTh()) && notBlank(f.labelEn()), "field " + f.name() + " needs labelTh and labelEn");
    }
    return this;
  }

  static void require(boolean condition, String message) {
    if (!condition) {
      throw new HubException(ErrorCode.INVALID_REQUEST, message);
    }
  }

  static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }
}

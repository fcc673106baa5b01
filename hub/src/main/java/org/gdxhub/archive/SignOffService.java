package org.gdxhub.archive;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.gdxhub.archive.internal.JdbcSignOffStore;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.ledger.LedgerAnomaly;
import org.gdxhub.ledger.LedgerAnomalyService;
import org.gdxhub.ledger.LedgerStatistics;
import org.gdxhub.ledger.LedgerStatisticsService;

/**
 * The unit heads' monthly control (the seeds' procedure): when a month is over, the head of
 * each unit (role {@code unit_head}) reviews the unit's usage from the ledger statistics and
 * attests "no abnormality" or flags one, until the end of the {@code deadline-day} (the 5th)
 * of the next month in the reporting time zone; a sign-off may be corrected until then. The
 * committee (role {@code committee}) sees every unit that used the hub in the month, and
 * which are flagged or unsigned (overdue once the deadline has passed).
 */
public class SignOffService {

  private final LedgerStatisticsService statistics;
  private final LedgerAnomalyService anomalies;
  private final JdbcSignOffStore store;
  private final ArchiveProperties properties;
  private final ZoneId zone;
  private final Clock clock;

  public SignOffService(LedgerStatisticsService statistics, LedgerAnomalyService anomalies, JdbcSignOffStore store,
      ArchiveProperties properties, ZoneId zone, Clock clock) {
    this.statistics = statistics;
    this.anomalies = anomalies;
    this.store = store;
    this.properties = properties;
    this.zone = zone;
    this.clock = clock;
  }

  /** The window opens when the month is over. */
  public Instant opensAt(YearMonth month) {
    return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
  }

  /** The end of the deadline day of the next month (exclusive). */
  public Instant deadline(YearMonth month) {
    YearMonth next = month.plusMonths(1);
    int day = Math.min(Math.max(1, properties.signOff().deadlineDay()), next.lengthOfMonth());
    return next.atDay(day).plusDays(1).atStartOfDay(zone).toInstant();
  }

  public boolean open(YearMonth month, Instant now) {
    return !now.isBefore(opensAt(month)) && now.isBefore(deadline(month));
  }

  /** The month as the caller's unit head sees it. */
  public UnitMonth unitMonth(CallerIdentity caller, YearMonth month) {
    requireUnitHead(caller);
    Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
    Instant to = opensAt(month);
    LedgerStatistics s = statistics.statistics(from, to, 1);
    LedgerStatistics.UnitTotal unit = s.perUnit().stream()
        .filter(u -> caller.agency().equals(u.agency()) && caller.unit().equals(u.unit())).findFirst().orElse(null);
    long agencyLookups = s.perAgency().stream().filter(a -> caller.agency().equals(a.agency()))
        .mapToLong(LedgerStatistics.AgencyTotal::lookups).sum();
    List<LedgerAnomaly> found = anomalies.anomalies(from, to).stream()
        .filter(a -> caller.agency().equals(a.agency()) && caller.unit().equals(a.unit())).toList();
    return new UnitMonth(caller.agency(), caller.unit(), month.toString(), unit == null ? 0 : unit.lookups(),
        unit == null ? 0 : unit.officers(), agencyLookups, found, opensAt(month), deadline(month),
        open(month, clock.instant()), store.find(caller.agency(), caller.unit(), month.toString()).orElse(null));
  }

  /** The unit head attests the month, or flags an abnormality (a note is required then). */
  public SignOff signOff(CallerIdentity caller, YearMonth month, SignOffStatus status, String note) {
    requireUnitHead(caller);
    if (status == null) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "status must be no_abnormality or flagged");
    }
    if (status == SignOffStatus.FLAGGED && (note == null || note.isBlank())) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "say what is abnormal in the note");
    }
    Instant now = clock.instant();
    if (!open(month, now)) {
      throw new HubException(ErrorCode.SIGN_OFF_CLOSED, now.isBefore(opensAt(month))
          ? "month " + month + " is not over yet; sign it off from " + opensAt(month)
          : "the deadline for " + month + " was " + deadline(month) + "; the unit shows as overdue to the committee")
          .with("opensAt", opensAt(month)).with("deadline", deadline(month));
    }
    Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
    long lookups = statistics.statistics(from, opensAt(month), 1).perUnit().stream()
        .filter(u -> caller.agency().equals(u.agency()) && caller.unit().equals(u.unit()))
        .mapToLong(LedgerStatistics.UnitTotal::lookups).sum();
    var signOff = new SignOff(caller.agency(), caller.unit(), month.toString(), status,
        note == null || note.isBlank() ? null : note.strip(), lookups, caller.officer(), now);
    store.save(signOff);
    return signOff;
  }

  /** The committee's view of a month. */
  public SignOffOverview overview(CallerIdentity caller, YearMonth month) {
    if (!caller.roles().contains(ArchiveService.COMMITTEE)) {
      throw new HubException(ErrorCode.ROLE_REQUIRED, "only a caller with role committee may review sign-offs");
    }
    Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
    LedgerStatistics s = statistics.statistics(from, opensAt(month), 1);
    Map<List<String>, Long> units = new TreeMap<>((a, b) -> {
      int c = a.get(0).compareTo(b.get(0));
      return c != 0 ? c : a.get(1).compareTo(b.get(1));
    });
    s.perUnit().stream().filter(u -> u.agency() != null && u.unit() != null)
        .forEach(u -> units.put(List.of(u.agency(), u.unit()), u.lookups()));
    List<SignOff> signOffs = store.month(month.toString());
    signOffs.forEach(o -> units.putIfAbsent(List.of(o.agency(), o.unit()), 0L));
    boolean passed = !clock.instant().isBefore(deadline(month));
    List<SignOffOverview.UnitState> all = new ArrayList<>();
    units.forEach((key, lookups) -> {
      SignOff signOff = signOffs.stream().filter(o -> Objects.equals(o.agency(), key.get(0))
          && Objects.equals(o.unit(), key.get(1))).findFirst().orElse(null);
      SignOffOverview.State state = signOff != null
          ? signOff.status() == SignOffStatus.FLAGGED ? SignOffOverview.State.FLAGGED : SignOffOverview.State.ATTESTED
          : passed ? SignOffOverview.State.OVERDUE : SignOffOverview.State.UNSIGNED;
      all.add(new SignOffOverview.UnitState(key.get(0), key.get(1), lookups, state, signOff));
    });
    return new SignOffOverview(month.toString(), deadline(month), passed, all,
        all.stream().filter(u -> u.state() == SignOffOverview.State.FLAGGED).toList(),
        all.stream().filter(u -> u.state() == SignOffOverview.State.UNSIGNED
            || u.state() == SignOffOverview.State.OVERDUE).toList());
  }

  /** Last month in the reporting time zone (the one being signed off in the first days of a month). */
  public YearMonth lastMonth() {
    return YearMonth.from(clock.instant().atZone(zone)).minusMonths(1);
  }

  private static void requireUnitHead(CallerIdentity caller) {
    caller.requireIdentified();
    if (!caller.roles().contains(ArchiveService.UNIT_HEAD)) {
      throw new HubException(ErrorCode.ROLE_REQUIRED, "only a caller with role unit_head may sign off a unit's month");
    }
  }
}

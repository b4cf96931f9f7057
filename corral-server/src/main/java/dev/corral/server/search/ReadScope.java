package dev.corral.server.search;

import dev.corral.query.QuerySyntaxException;
import dev.corral.query.ast.And;
import dev.corral.query.ast.MatchAll;
import dev.corral.query.ast.Query;
import dev.corral.query.plan.QueryPlan;
import dev.corral.server.auth.KeySpec;
import dev.corral.server.audit.AuditEvents;
import dev.corral.server.auth.Principal;
import dev.corral.server.auth.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one principal may read: every event, or only the events its key's read filter matches
 * (a service-scoped key, e.g. {@code service:payment-* OR service:checkout}); and, for everyone but
 * admins, no audit event ({@code logtype:audit}, {@link AuditEvents}): the audit log is the
 * admins' alone. The one place a restriction becomes something the query engine applies.
 *
 * <p>Hiding the audit log is not a read filter: {@link #isRestricted()} and {@link #filterText()}
 * speak of the key's filter only, so a read key without one keeps every route a restricted key is
 * refused (stats in full, metrics, alert instances), and the audit events are still left out of
 * everything it reads through this scope.
 *
 * <p>Contract: {@link #restrict(QueryPlan)} returns a plan whose filter is {@code restriction AND
 * (the user's whole filter)} and whose pipes are the user's, unchanged. Every pipe runs on the
 * events the filter selects ({@link QueryPlan}'s execution model), so no pipe — {@code where},
 * {@code stats … by}, {@code timechart}, {@code top}, {@code fields}, {@code head}, {@code sort}
 * — can see an event outside the restriction, and no operator of the user's filter can widen it:
 * the user's filter is one clause of the conjunction, whatever it contains. Live tails use
 * {@link #restrict(Query)}, the same conjunction.
 *
 * <p>A key's filter is parsed once per distinct text (a bounded cache); a filter that no longer
 * parses refuses every read of that key ({@link InvalidReadFilterException}): fail closed.
 * Immutable and thread-safe.
 */
public final class ReadScope {
  /** Every event: the local operator and unrestricted admin keys. */
  public static final ReadScope UNRESTRICTED = new ReadScope(null, null, false);
  /** Every event but the audit log's: unrestricted keys and users that are not admins. */
  public static final ReadScope ALL_BUT_AUDIT = new ReadScope(null, null, true);
  /** What hides the audit events: {@code NOT logtype:audit}. */
  private static final Query NOT_AUDIT = FilterText.parse("NOT " + AuditEvents.LOGTYPE_FIELD + ":" + AuditEvents.LOGTYPE);
  /**
   * Distinct read filters parsed and kept: a server has a handful of keys; past this many the
   * cache starts over (a parse costs microseconds), so a key churn cannot grow memory.
   */
  static final int MAX_CACHED_FILTERS = 1024;
  private static final Map<String, ReadScope> PARSED = new ConcurrentHashMap<>();

  private final String text;
  private final Query filter;
  private final boolean hidesAudit;

  private ReadScope(String text, Query filter, boolean hidesAudit) {
    this.text = text;
    this.filter = filter;
    this.hidesAudit = hidesAudit;
  }

  /**
   * The scope of {@code who}: unrestricted, or restricted to its read filter; the audit log hidden
   * unless {@code who} is an admin.
   *
   * @throws InvalidReadFilterException when the key's filter does not parse
   */
  public static ReadScope of(Principal who) {
    boolean hidesAudit = who.scope() != Scope.ADMIN;
    Optional<String> restriction = who.readRestriction();
    if (restriction.isEmpty()) {
      return hidesAudit ? ALL_BUT_AUDIT : UNRESTRICTED;
    }
    String text = restriction.get();
    String cacheKey = (hidesAudit ? "read:" : "admin:") + text;
    ReadScope cached = PARSED.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    ReadScope parsed;
    try {
      parsed = new ReadScope(text, parseFilter(text), hidesAudit);
    } catch (QuerySyntaxException e) {
      throw new InvalidReadFilterException(who.keyId(), text, e.reason());
    }
    if (PARSED.size() >= MAX_CACHED_FILTERS) {
      PARSED.clear();
    }
    PARSED.put(cacheKey, parsed);
    return parsed;
  }

  /**
   * Checks a read filter before a key is given it: a filter of the query language without pipes
   * that selects something narrower than everything.
   *
   * @throws QuerySyntaxException with the position of the problem, naming it
   */
  public static Query parseFilter(String text) {
    Objects.requireNonNull(text, "text");
    Query filter = FilterText.parse(text);
    if (filter instanceof MatchAll) {
      throw new QuerySyntaxException("a read filter must restrict the events (e.g. service:payment-*), got '"
          + text + "'; give the key no filter to let it read everything", text, 0);
    }
    return filter;
  }

  /**
   * Checks, before a key is created, that its read filter (if it has one) is one every read can be
   * restricted to: it parses and restricts something.
   *
   * @throws IllegalArgumentException naming the filter and what is wrong with it
   */
  public static void check(KeySpec spec) {
    String filter = spec.readFilter();
    if (filter == null) {
      return;
    }
    try {
      parseFilter(filter);
    } catch (QuerySyntaxException e) {
      throw new IllegalArgumentException("the key's read filter '" + filter + "' is not usable: " + e.getMessage(), e);
    }
  }

  /** Whether this scope is restricted to a key's read filter (the audit log hidden or not). */
  public boolean isRestricted() {
    return filter != null;
  }

  /** Whether this scope hides the audit events (everyone but admins). */
  public boolean hidesAudit() {
    return hidesAudit;
  }

  /** The read filter as the key holds it, if restricted. */
  public Optional<String> filterText() {
    return Optional.ofNullable(text);
  }

  /**
   * {@code NOT logtype:audit AND restriction AND filter}, each part only where it applies;
   * {@code filter} itself for an unrestricted admin.
   */
  public Query restrict(Query userFilter) {
    List<Query> clauses = new ArrayList<>(3);
    if (hidesAudit) {
      clauses.add(NOT_AUDIT);
    }
    if (filter != null) {
      clauses.add(filter);
    }
    if (clauses.isEmpty()) {
      return userFilter;
    }
    if (!(userFilter instanceof MatchAll)) {
      clauses.add(userFilter);
    }
    return clauses.size() == 1 ? clauses.getFirst() : new And(clauses);
  }

  /** The plan with its filter restricted and its pipes unchanged (see the class contract). */
  public QueryPlan restrict(QueryPlan plan) {
    return filter == null && !hidesAudit ? plan : new QueryPlan(restrict(plan.filter()), plan.pipes());
  }

  @Override
  public String toString() {
    return (filter == null ? "unrestricted" : "restricted to " + text) + (hidesAudit ? ", audit log hidden" : "");
  }
}

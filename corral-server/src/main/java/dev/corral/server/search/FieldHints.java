package dev.corral.server.search;

import dev.corral.query.NearestName;
import dev.corral.query.plan.PlanFields;
import dev.corral.query.plan.QueryPlan;
import dev.corral.model.FieldNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Warnings for fields a query names that no stored event has — usually a typo — with the nearest
 * known field. Not errors: a field may simply not have arrived yet.
 */
public final class FieldHints {
  private FieldHints() {}

  /**
   * @param known every field some event has ({@link dev.corral.store.StoreSearcher#fieldNames()})
   * @return one warning per unknown field, e.g. {@code no event has a field 'servce'; did you mean 'service'?}
   */
  public static List<String> unknownFields(QueryPlan plan, Set<String> known) {
    List<String> warnings = new ArrayList<>();
    if (known.isEmpty()) {
      return warnings; // an empty store knows no fields yet: every name would look like a typo
    }
    for (String field : PlanFields.referenced(plan)) {
      unknownField(field, known).ifPresent(warnings::add);
    }
    return warnings;
  }

  /**
   * @param known every field some event has; when empty, no field counts as unknown
   * @return the warning for {@code field} when no event has it, e.g. {@code no event has a field
   *     'servce'; did you mean 'service'?}
   */
  public static Optional<String> unknownField(String field, Set<String> known) {
    if (known.isEmpty() || known.contains(FieldNames.canonical(field))) {
      return Optional.empty();
    }
    return Optional.of("no event has a field '" + field + "'" + NearestName.hint(field, known));
  }
}

package dev.corral.server.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.query.QueryParser;
import dev.corral.query.QuerySyntaxException;
import dev.corral.query.ast.And;
import dev.corral.query.ast.Query;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.QueryPlanParser;
import dev.corral.server.auth.Principal;
import dev.corral.server.auth.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ReadScope}: the restriction is one clause of a conjunction, the pipes stay as they were. */
class ReadScopeTest {
  private static final Query NOT_AUDIT = QueryParser.parse("NOT logtype:audit");

  private static Principal restrictedTo(String filter) {
    return new Principal("k1", "payments team", Scope.READ, filter);
  }

  @Test
  void anUnrestrictedPrincipalsPlanIsUntouched() {
    QueryPlan plan = QueryPlanParser.parse("service:billing | stats count() by service");
    assertThat(ReadScope.of(Principal.LOCAL).restrict(plan)).isSameAs(plan);
    assertThat(ReadScope.of(Principal.LOCAL).isRestricted()).isFalse();
  }

  @Test
  void theRestrictionIsAndedWithTheWholeFilterAndThePipesStay() {
    ReadScope scope = ReadScope.of(restrictedTo("service:payment-* OR service:checkout"));
    QueryPlan plan = QueryPlanParser.parse("* OR service:billing | where status > 300 | stats count() by service");
    QueryPlan restricted = scope.restrict(plan);
    assertThat(restricted.pipes()).isEqualTo(plan.pipes());
    assertThat(restricted.filter()).isEqualTo(new And(List.of(NOT_AUDIT,
        QueryParser.parse("service:payment-* OR service:checkout"), plan.filter())));
    assertThat(scope.restrict(QueryPlanParser.parse("| stats count()")).filter())
        .as("match-all is no clause").isEqualTo(new And(List.of(NOT_AUDIT,
            QueryParser.parse("service:payment-* OR service:checkout"))));
    ReadScope admin = ReadScope.of(new Principal("k2", "ops", Scope.ADMIN, "service:payment-* OR service:checkout"));
    assertThat(admin.restrict(plan).filter()).as("an admin's restriction without the audit clause")
        .isEqualTo(new And(List.of(QueryParser.parse("service:payment-* OR service:checkout"), plan.filter())));
  }

  @Test
  void everyoneButAnAdminHasTheAuditLogHiddenWithoutBeingARestrictedPrincipal() {
    ReadScope reader = ReadScope.of(new Principal("k3", "analyst", Scope.READ, null));
    assertThat(reader.isRestricted()).as("no read filter: routes refused to restricted keys stay open").isFalse();
    assertThat(reader.filterText()).isEmpty();
    assertThat(reader.hidesAudit()).isTrue();
    QueryPlan plan = QueryPlanParser.parse("logtype:audit OR * | stats count() by logtype");
    assertThat(reader.restrict(plan).filter()).isEqualTo(new And(List.of(NOT_AUDIT, plan.filter())));
    assertThat(reader.restrict(plan).pipes()).isEqualTo(plan.pipes());
    assertThat(reader.restrict(QueryPlanParser.parse("")).filter()).isEqualTo(NOT_AUDIT);
    assertThat(ReadScope.of(Principal.LOCAL).hidesAudit()).isFalse();
    assertThat(ReadScope.of(new Principal("k4", "ops", Scope.ADMIN, null))).isSameAs(ReadScope.UNRESTRICTED);
  }

  @Test
  void aFilterIsParsedOncePerText() {
    assertThat(ReadScope.of(restrictedTo("service:a"))).isSameAs(ReadScope.of(restrictedTo("service:a")));
    assertThat(ReadScope.of(restrictedTo("service:a")).filterText()).hasValue("service:a");
  }

  @Test
  void aFilterThatDoesNotParseOrRestrictsNothingRefusesEveryRead() {
    assertThatThrownBy(() -> ReadScope.of(restrictedTo("service:(a")))
        .isInstanceOf(InvalidReadFilterException.class).hasMessageContaining("k1").hasMessageContaining("service:(a");
    assertThatThrownBy(() -> ReadScope.of(restrictedTo("*"))).isInstanceOf(InvalidReadFilterException.class);
    assertThatThrownBy(() -> ReadScope.of(restrictedTo("service:a | head 1")))
        .isInstanceOf(InvalidReadFilterException.class);
    assertThatThrownBy(() -> ReadScope.parseFilter("")).isInstanceOf(QuerySyntaxException.class)
        .hasMessageContaining("must restrict");
  }
}

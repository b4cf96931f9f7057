package dev.corral.query.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.query.plan.CompareOp;
import dev.corral.query.plan.SortKey;
import dev.corral.query.plan.WherePipe;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableOpsTest {
  private static final List<Column> COLUMNS = List.of(
      new Column("service", ColumnType.STRING), new Column("count()", ColumnType.LONG),
      new Column("avg", ColumnType.DOUBLE), new Column("timestamp", ColumnType.TIMESTAMP));


  private static List<Object> row(String service, Long count, Double avg, Long ts) {
    return Arrays.asList(service, count, avg, ts);
  }

  private final Table sample = new Table(COLUMNS, List.of(
      row("b", 5L, null, 1_000L), row("a", 10L, 2.5, 2_000L), row(null, 5L, 1.0, 3_000L),
      row(Table.OTHER, 100L, 9.0, 4_000L)), false, true);

  @Test
  void sortIsTypedStableNullsLastAndKeepsTheOtherRowLast() {
    Table byCount = TableOps.sort(sample, List.of(new SortKey("count()", true)));
    assertThat(byCount.rows()).extracting(r -> r.get(0)).containsExactly("a", "b", null, Table.OTHER);
    Table byAvg = TableOps.sort(sample, List.of(new SortKey("avg", true)));
    assertThat(byAvg.rows()).extracting(r -> r.get(0)).containsExactly("a", null, "b", Table.OTHER);
    Table byService = TableOps.sort(sample, List.of(new SortKey("service", false)));
    assertThat(byService.rows()).extracting(r -> r.get(0)).containsExactly("a", "b", null, Table.OTHER);
    assertThat(byService.otherRow()).isTrue();
    Table twoKeys = TableOps.sort(sample, List.of(new SortKey("count()", false), new SortKey("service", true)));
    assertThat(twoKeys.rows()).extracting(r -> r.get(0)).containsExactly("b", null, "a", Table.OTHER);
  }

  @Test
  void headCutsRowsAndDropsTheOtherFlagWithItsRow() {
    Table head = TableOps.head(sample, 2);
    assertThat(head.rows()).hasSize(2);
    assertThat(head.otherRow()).isFalse();
    assertThat(TableOps.head(sample, 10)).isSameAs(sample);
  }

  @Test
  void fieldsReordersAndNamesTheNearestColumnWhenUnknown() {
    Table fields = TableOps.fields(sample, List.of("avg", "service"));
    assertThat(fields.columns()).extracting(Column::name).containsExactly("avg", "service");
    assertThat(fields.rows().get(1)).containsExactly(2.5, "a");
    assertThatThrownBy(() -> TableOps.fields(sample, List.of("servce")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown column 'servce'; did you mean 'service'?; the columns are service, count(), avg, timestamp");
  }

  @Test
  void whereComparesNumbersNumericallyAndTextLexically() {
    assertThat(TableOps.where(sample, new WherePipe("count()", CompareOp.GT, "9")).rows())
        .extracting(r -> r.get(0)).containsExactly("a", Table.OTHER);
    assertThat(TableOps.where(sample, new WherePipe("count()", CompareOp.EQ, "5.0")).rows()).hasSize(2);
    assertThat(TableOps.where(sample, new WherePipe("avg", CompareOp.LE, "2.5")).rows())
        .extracting(r -> r.get(0)).containsExactly("a", null);
    assertThat(TableOps.where(sample, new WherePipe("service", CompareOp.NE, "a")).rows())
        .extracting(r -> r.get(0)).containsExactly("b", Table.OTHER);
    Table kept = TableOps.where(sample, new WherePipe("service", CompareOp.EQ, "b"));
    assertThat(kept.otherRow()).isFalse();
    assertThat(TableOps.where(sample, new WherePipe("timestamp", CompareOp.GE, "1970-01-01T00:00:00.000003Z")).rows())
        .extracting(r -> r.get(0)).containsExactly(null, Table.OTHER);
  }

  @Test
  void whereOnAMissingValueNeverMatches() {
    assertThat(TableOps.where(sample, new WherePipe("service", CompareOp.NE, "zzz")).rows()).hasSize(3);
    assertThat(WhereComparison.matches(null, ColumnType.LONG, CompareOp.NE, "1")).isFalse();
  }

  @Test
  void whereOnANumberColumnWithTextComparesCanonicalText() {
    assertThat(WhereComparison.matches(500.0, ColumnType.DOUBLE, CompareOp.EQ, "500")).isTrue();
    assertThat(WhereComparison.matches(500.0, ColumnType.DOUBLE, CompareOp.LT, "abc")).isTrue();
    assertThat(WhereComparison.matches(9_007_199_254_740_993L, ColumnType.LONG, CompareOp.GT, "9007199254740992")).isTrue();
  }

  @Test
  void limitRowsMarksTruncation() {
    Table limited = TableOps.limitRows(sample, 3);
    assertThat(limited.truncated()).isTrue();
    assertThat(limited.otherRow()).isFalse();
    assertThat(TableOps.limitRows(sample, 4)).isSameAs(sample);
  }
}

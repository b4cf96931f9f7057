package dev.corral.ship.lines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.ship.Traces;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultilineJoinerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private static List<Line> join(MultilineRule rule, String text) throws InterruptedException {
    MultilineJoiner joiner = rule.joiner();
    List<Line> out = new ArrayList<>();
    long offset = 0;
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty() && offset == text.length()) {
        break;
      }
      offset += line.length() + 1;
      joiner.add(new Line(line, offset, false), 0, out::add);
    }
    joiner.flush(out::add);
    return out;
  }

  @Test
  void javaPresetJoinsAStackTraceWithItsLogLine() throws Exception {
    List<Line> groups = join(MultilineRule.preset("java", 500, 1 << 20, TIMEOUT), Traces.JAVA);
    assertThat(groups).hasSize(3);
    assertThat(groups.get(1).text()).startsWith("2026-01-01 12:00:01.123 ERROR").contains("card declined")
        .contains("Suppressed: java.io.IOException").contains("Caused by: java.net.SocketTimeoutException")
        .endsWith("\t... 12 more");
    assertThat(groups.get(1).text().lines()).hasSize(9);
    assertThat(groups.get(1).endOffset()).as("the offset after the group's last line")
        .isEqualTo(Traces.JAVA.indexOf("2026-01-01 12:00:02"));
    assertThat(groups.get(2).text()).endsWith("next");
  }

  @Test
  void pythonPresetJoinsAChainedTracebackThroughItsLastExceptionLine() throws Exception {
    List<Line> groups = join(MultilineRule.preset("python", 500, 1 << 20, TIMEOUT), Traces.PYTHON);
    assertThat(groups).extracting(Line::text).element(0).isEqualTo("ERROR:checkout:payment failed");
    assertThat(groups.get(1).text()).startsWith("Traceback (most recent call last):")
        .contains("TimeoutError: gateway slow").contains("During handling").endsWith("checkout.PaymentError: declined");
    assertThat(groups.get(2).text()).isEqualTo("INFO:checkout:next order");
    assertThat(groups).hasSize(3);
  }

  @Test
  void filebeatPatternNegateAfterJoinsLinesNotStartingWithADate() throws Exception {
    MultilineRule rule = MultilineRule.pattern("^\\d{4}-\\d{2}-\\d{2}", true, false, 500, 1 << 20, TIMEOUT);
    List<Line> groups = join(rule, Traces.JAVA);
    assertThat(groups).hasSize(3);
    assertThat(groups.get(1).text().lines()).hasSize(9);
  }

  @Test
  void filebeatMatchBeforeJoinsContinuedLinesWithTheLineAfter() throws Exception {
    MultilineRule rule = MultilineRule.pattern("\\\\$", false, true, 500, 1 << 20, TIMEOUT);
    List<Line> groups = join(rule, "a \\\nb \\\nc\nd\n");
    assertThat(groups).extracting(Line::text).containsExactly("a \\\nb \\\nc", "d");
  }

  @Test
  void aGroupIsCompleteAtMaxLinesAndBeforePassingMaxBytes() throws Exception {
    MultilineRule byLines = MultilineRule.preset("java", 3, 1 << 20, TIMEOUT);
    assertThat(join(byLines, "E\n\tat a\n\tat b\n\tat c\n\tat d\n")).extracting(Line::text)
        .containsExactly("E\n\tat a\n\tat b", "\tat c\n\tat d");
    MultilineRule byBytes = MultilineRule.preset("java", 500, 12, TIMEOUT);
    assertThat(join(byBytes, "E\n\tat a\n\tat b\n")).extracting(Line::text).containsExactly("E\n\tat a", "\tat b");
  }

  @Test
  void anOpenGroupIsFlushedOnlyAfterTheTimeoutWithoutLines() throws Exception {
    MultilineJoiner joiner = MultilineRule.preset("java", 500, 1 << 20, Duration.ofMillis(100)).joiner();
    List<Line> out = new ArrayList<>();
    joiner.add(new Line("E", 2, false), 0, out::add);
    joiner.add(new Line("\tat x", 8, false), 50_000_000, out::add);
    joiner.flushIfIdle(149_000_000, out::add);
    assertThat(out).isEmpty();
    joiner.flushIfIdle(150_000_000, out::add);
    assertThat(out).containsExactly(new Line("E\n\tat x", 8, false));
    assertThat(joiner.isOpen()).isFalse();
  }

  @Test
  void badRulesAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> MultilineRule.preset("ruby", 1, 1, TIMEOUT)).hasMessageContaining("'ruby'");
    assertThatThrownBy(() -> MultilineRule.pattern("([", false, false, 1, 1, TIMEOUT)).hasMessageContaining("'(['");
    assertThatThrownBy(() -> MultilineRule.preset("java", 1, MultilineRule.MAX_BYTES + 1, TIMEOUT))
        .hasMessageContaining(String.valueOf(MultilineRule.MAX_BYTES));
  }
}

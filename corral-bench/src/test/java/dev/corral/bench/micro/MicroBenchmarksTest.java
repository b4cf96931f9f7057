package dev.corral.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;
import org.junit.jupiter.api.Test;

class MicroBenchmarksTest {
  private static final Path RESULT = Path.of("out", "jmh.json");

  @Test
  void withoutArgumentsRunsEveryBenchmarkOfThePackageOnceShortly() throws CommandLineOptionException {
    Options options = MicroBenchmarks.options("  ", RESULT);

    assertThat(options.getIncludes()).containsExactly(MicroBenchmarks.DEFAULT_INCLUDE);
    assertThat(options.getForkCount().get()).isEqualTo(1);
    assertThat(options.getWarmupIterations().get()).isEqualTo(3);
    assertThat(options.getMeasurementIterations().get()).isEqualTo(5);
    assertThat(options.getMeasurementTime().get()).isEqualTo(TimeValue.seconds(2));
    assertThat(options.shouldFailOnError().get()).isTrue();
    assertThat(options.getJvmArgsAppend().get()).containsExactly(MicroBenchmarks.QUIET_LOGS);
    assertThat(options.getResult().get()).isEqualTo(RESULT.toString());
    assertThat(options.getResultFormat().get()).isEqualTo(ResultFormatType.JSON);
  }

  @Test
  void defaultIncludeSelectsThisPackageOnly() {
    Pattern include = Pattern.compile(MicroBenchmarks.DEFAULT_INCLUDE);

    assertThat(include.matcher("dev.corral.bench.micro.DecodeBenchmark.decode").find()).isTrue();
    assertThat(include.matcher("dev.corral.bench.microscope.Other.run").find()).isFalse();
    assertThat(include.matcher("org.example.dev.corral.bench.micro.X.y").find()).isFalse();
  }

  @Test
  void jmhArgumentsOverrideTheDefaults() throws CommandLineOptionException {
    Options options = MicroBenchmarks.options("-f 2 -wi 1 -i 10 -r 500ms -rf csv -rff x.csv -p shape=ECS -jvmArgsAppend -Xss2m DecodeBenchmark",
        RESULT);

    assertThat(options.getIncludes()).containsExactly("DecodeBenchmark");
    assertThat(options.getForkCount().get()).isEqualTo(2);
    assertThat(options.getWarmupIterations().get()).isEqualTo(1);
    assertThat(options.getMeasurementIterations().get()).isEqualTo(10);
    assertThat(options.getMeasurementTime().get()).isEqualTo(TimeValue.milliseconds(500));
    assertThat(options.getResult().get()).isEqualTo("x.csv");
    assertThat(options.getResultFormat().get()).isEqualTo(ResultFormatType.CSV);
    assertThat(options.getParameter("shape").get()).containsExactly("ECS");
    assertThat(options.getJvmArgsAppend().get()).containsExactly("-Xss2m");
  }

  @Test
  void malformedJmhArgumentsAreRefusedByJmh() {
    assertThatThrownBy(() -> MicroBenchmarks.options("-f two", RESULT))
        .isInstanceOf(CommandLineOptionException.class).hasMessageContaining("two");
    assertThatThrownBy(() -> MicroBenchmarks.options("--no-such-option", RESULT))
        .isInstanceOf(CommandLineOptionException.class);
  }
}

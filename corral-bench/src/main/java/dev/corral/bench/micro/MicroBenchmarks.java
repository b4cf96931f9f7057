package dev.corral.bench.micro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of this package ({@code corral bench --micro}) in forked JVMs on the
 * classpath of this one. JMH's own command-line options ({@code -f}, {@code -wi}, {@code -p shape=ECS},
 * a benchmark regex, {@code -l}, {@code -h} …) override the short defaults here, which suit a
 * quick comparison of builds rather than publication-grade statistics.
 */
public final class MicroBenchmarks {
  /** One fork: the benchmarks are for comparing builds on one machine, and the machine may be small. */
  static final int DEFAULT_FORKS = 1;
  static final int DEFAULT_WARMUP_ITERATIONS = 3;
  static final int DEFAULT_MEASUREMENT_ITERATIONS = 5;
  /** Per iteration, warm-up and measurement: long enough for many group commits, short enough for a whole run in minutes. */
  static final TimeValue DEFAULT_ITERATION_TIME = TimeValue.seconds(2);
  /**
   * Appended to the forked JVMs' options unless {@code -jvmArgsAppend} is given: Corral's own INFO
   * logs (the WAL opening and closing) would interleave with JMH's report.
   */
  static final String QUIET_LOGS = "-DCORRAL_LOG_LEVEL=WARN";
  /** Benchmarks run unless a regex is given: everything in this package. */
  static final String DEFAULT_INCLUDE = "^" + Pattern.quote(MicroBenchmarks.class.getPackageName() + ".");

  private MicroBenchmarks() {}

  /**
   * Runs the benchmarks {@code jmhArgs} select (all of this package by default), printing JMH's
   * report to stdout and writing JMH's JSON results to {@code resultFile} (its directory created
   * if needed) unless the arguments name another. As JMH's own launcher, {@code -h}, {@code -l}, {@code -lp}, {@code -lprof} and
   * {@code -lrf} only print help, the benchmarks (with their parameters), the profilers or the
   * result formats.
   *
   * @param jmhArgs JMH command-line options separated by whitespace, or blank
   * @return the results, empty when only something was printed
   * @throws CommandLineOptionException when JMH does not accept the arguments
   * @throws RunnerException when a benchmark fails or none matches
   */
  public static Collection<RunResult> run(String jmhArgs, Path resultFile)
      throws CommandLineOptionException, RunnerException, IOException {
    CommandLineOptions cli = new CommandLineOptions(split(jmhArgs));
    if (cli.shouldHelp()) {
      cli.showHelp();
      return List.of();
    }
    if (cli.shouldListProfilers()) {
      cli.listProfilers();
      return List.of();
    }
    if (cli.shouldListResultFormats()) {
      cli.listResultFormats();
      return List.of();
    }
    Runner runner = new Runner(options(cli, resultFile));
    if (cli.shouldList()) {
      runner.list();
      return List.of();
    }
    if (cli.shouldListWithParams()) {
      runner.listWithParams(cli);
      return List.of();
    }
    Path parent = resultFile.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return runner.run();
  }

  /** JMH options: what {@code jmhArgs} says, and this class's defaults for everything it leaves out. */
  static Options options(String jmhArgs, Path resultFile) throws CommandLineOptionException {
    return options(new CommandLineOptions(split(jmhArgs)), resultFile);
  }

  private static Options options(CommandLineOptions cli, Path resultFile) {
    ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
    if (cli.getIncludes().isEmpty()) {
      options.include(DEFAULT_INCLUDE);
    }
    orDefault(cli.getForkCount(), DEFAULT_FORKS, options::forks);
    orDefault(cli.getWarmupIterations(), DEFAULT_WARMUP_ITERATIONS, options::warmupIterations);
    orDefault(cli.getWarmupTime(), DEFAULT_ITERATION_TIME, options::warmupTime);
    orDefault(cli.getMeasurementIterations(), DEFAULT_MEASUREMENT_ITERATIONS, options::measurementIterations);
    orDefault(cli.getMeasurementTime(), DEFAULT_ITERATION_TIME, options::measurementTime);
    orDefault(cli.getJvmArgsAppend(), List.of(QUIET_LOGS), args -> options.jvmArgsAppend(args.toArray(new String[0])));
    orDefault(cli.shouldFailOnError(), true, options::shouldFailOnError);
    orDefault(cli.getResult(), resultFile.toString(), options::result);
    orDefault(cli.getResultFormat(), ResultFormatType.JSON, options::resultFormat);
    return options.build();
  }

  /** Sets {@code fallback} through {@code setter} when the command line left the option out. */
  private static <T> void orDefault(org.openjdk.jmh.util.Optional<? extends T> given, T fallback,
      Consumer<T> setter) {
    if (!given.hasValue()) {
      setter.accept(fallback);
    }
  }

  /** Whitespace-separated arguments; blank or null gives none. */
  static String[] split(String jmhArgs) {
    return jmhArgs == null || jmhArgs.isBlank() ? new String[0] : jmhArgs.strip().split("\\s+");
  }
}

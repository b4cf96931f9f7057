package dev.corral.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The shell pipeline the grep peer runs for each query of {@link BenchQuery#standard}, over the day
 * files in the working directory ({@code *.ndjson}). Each pipeline prints one line per hit (an event
 * or a table row), so the line count is the answer's total. The patterns cover every field spelling
 * of the simulated fleet (e.g. {@code level}, {@code loglevel}, {@code levelname}, {@code Level},
 * {@code log.level}), which is exactly the knowledge a grep user must carry in their head.
 *
 * @param searcher {@code rg} or {@code grep}
 * @param jq whether {@code jq} is on the PATH; without it, time filters and aggregations are n/a
 */
record GrepCommands(String searcher, boolean jq) {
  /** Timestamp of any shape, cut to {@code YYYY-MM-DDTHH:MM:SS} so ISO strings compare in time order. */
  static final String JQ_TIME = "((.timestamp // .[\"@timestamp\"] // .TimeStampUTC // .asctime // \"\")"
      + " | .[0:19] | sub(\" \"; \"T\"))";
  static final String JQ_LEVEL = "((.level // .loglevel // .Level // .levelname // .log.level? // \"\") | ascii_upcase)";
  static final String JQ_SERVICE = "((.service | if type == \"object\" then .name else . end)"
      + " // .service_name // .ServiceKey // \"\")";
  /** Case-insensitive, so it matches {@code "level":"ERROR"}, {@code "loglevel":"error"}, {@code "Level":"Error"}… */
  static final String LEVEL_ERROR = "'level(name)?\":\"error\"'";

  /** The pipeline for a Corral query text, or null when this peer has no honest equivalent. */
  String command(String text, String from, Instant now) {
    String search = searcher.equals("rg") ? "rg --no-filename --no-line-number" : searcher + " -h";
    if (text.startsWith("trace_id:\"")) {
      String id = text.substring("trace_id:\"".length(), text.length() - 1);
      return search + " -F '" + id + "' *.ndjson";
    }
    if (text.equals("\"card declined\"")) {
      return search + " -i -F 'card declined' *.ndjson";
    }
    if (text.equals("message:/time.?out/")) {
      return search + (searcher.equals("rg") ? "" : " -E") + " 'time.?out' *.ndjson";
    }
    if (!jq) {
      return null;
    }
    String since = from == null ? "" : cutoff(from, now);
    return switch (text) {
      case "level:ERROR" -> search + " -i" + (searcher.equals("rg") ? "" : " -E") + " " + LEVEL_ERROR
          + " *.ndjson | jq -c 'select(" + JQ_TIME + " >= \"" + since + "\")'";
      case "* | stats count() by service, level" -> "jq -cn 'reduce inputs as $e ({}; .[($e | " + JQ_SERVICE
          + ") + \" \" + ($e | " + JQ_LEVEL + ")] += 1) | to_entries[]' *.ndjson";
      case "* | timechart span=1m count()" -> "jq -cn 'reduce (inputs | " + JQ_TIME + " | select(. >= \"" + since
          + "\")) as $t ({}; .[$t[0:16]] += 1) | to_entries[]' *.ndjson";
      default -> null;
    };
  }

  /** {@code now-15m} or {@code now-1h} as a UTC {@code YYYY-MM-DDTHH:MM:SS} string. */
  static String cutoff(String from, Instant now) {
    return now.minus(lookBack(from)).truncatedTo(ChronoUnit.SECONDS).toString().substring(0, 19);
  }

  /** How far back {@code now-15m} or {@code now-1h} reaches. */
  static Duration lookBack(String from) {
    if (!from.startsWith("now-")) {
      throw new IllegalArgumentException("from (" + from + ") must look like now-15m or now-1h");
    }
    String amount = from.substring(4);
    long n = Long.parseLong(amount.substring(0, amount.length() - 1));
    return switch (amount.charAt(amount.length() - 1)) {
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> throw new IllegalArgumentException("from (" + from + ") unit must be m or h");
    };
  }
}

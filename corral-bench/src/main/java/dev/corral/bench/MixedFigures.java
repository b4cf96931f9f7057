package dev.corral.bench;

import java.util.List;

/**
 * What the mixed phase ({@link MixedPhase}) measured for one peer: ingest paced at a share of the rate the
 * peer reached alone, and the queries one client ran round robin meanwhile.
 *
 * @param ratePercent the pace as a percentage of {@code aloneEventsPerSecond} ({@code --mixed-rate})
 * @param aloneEventsPerSecond the durable rate the peer reached in its own ingest phase of this run
 * @param events events acknowledged
 * @param rejected events the peer refused
 * @param seconds from the first send to the last durable acknowledgement
 * @param queries each standard query's server and wall latencies during ingest (their samples are its runs),
 *     in the standard order; n/a for a query the peer does not answer
 */
public record MixedFigures(int ratePercent, double aloneEventsPerSecond, long events, long rejected, double seconds,
    List<QueryBenchmark.Timing> queries) {
  public MixedFigures {
    queries = List.copyOf(queries);
    if (ratePercent < 1 || !(aloneEventsPerSecond > 0)) {
      throw new IllegalArgumentException("rate (" + ratePercent + "%) and alone rate (" + aloneEventsPerSecond
          + " events/s) must be > 0");
    }
  }

  /** The pace ingest was held to, events per second. */
  public double targetEventsPerSecond() {
    return aloneEventsPerSecond * ratePercent / 100.0;
  }

  /** Durable events per second the paced ingest achieved while the queries ran. */
  public double achievedEventsPerSecond() {
    return seconds > 0 ? events / seconds : Double.NaN;
  }

  /** Runs of the query run least often (round robin: the others ran at most once more); 0 when none ran. */
  public int runsPerQuery() {
    return queries.stream().filter(t -> t.wall().samples() > 0).mapToInt(t -> t.wall().samples()).min().orElse(0);
  }
}

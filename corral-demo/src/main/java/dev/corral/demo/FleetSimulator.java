package dev.corral.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The shop fleet as a pure, deterministic generator of log lines: the same seed, start instant
 * and rate give the same bytes in the same order, with no server, thread or wall clock involved.
 *
 * <p>Simulated time only moves when the caller says so: {@link #advanceTo(Instant, Consumer)}
 * plays every request and background job that starts up to that instant and hands over, in
 * timestamp order, every line whose timestamp has been reached. Units of work (one user request
 * fanning out over 2-6 services, or one background job) start back to back, each taking as much
 * simulated time as its events are worth at the configured rate, so a simulated second holds
 * about {@code eventsPerSecond} lines.
 *
 * <p>Not thread-safe: one thread drives one simulator.
 */
public final class FleetSimulator {
  /** Share of units of work that are background jobs rather than user requests. */
  static final double BACKGROUND_SHARE = 0.04;

  private record Scheduled(long sequence, SimEvent event) {}

  private static final Comparator<Scheduled> BY_TIME =
      Comparator.comparing((Scheduled s) -> s.event().timestamp()).thenComparingLong(Scheduled::sequence);

  private final Instant start;
  private final double eventsPerSecond;
  private final Dice dice;
  private final IncidentSchedule incidents;
  private final Map<String, List<Pod>> pods;
  private final RequestSimulation requests;
  private final BackgroundJobs jobs;
  private final EventRenderer renderer = new EventRenderer();
  private final PriorityQueue<Scheduled> pending = new PriorityQueue<>(BY_TIME);
  private final double totalFlowWeight;
  private long created;
  private long emitted;
  /** Nanoseconds after {@link #start} at which the next unit of work starts. */
  private long nextUnitNanos;
  private Instant reached;

  /** A fleet at {@value FleetConfig#DEFAULT_EVENTS_PER_SECOND} events per simulated second. */
  public FleetSimulator(long seed, Instant start) {
    this(seed, start, FleetConfig.DEFAULT_EVENTS_PER_SECOND);
  }

  /**
   * @param seed the seed; the same seed replays the same fleet
   * @param start simulated instant the fleet starts at; incidents are scheduled relative to it
   * @param eventsPerSecond lines per simulated second, in (0, {@value FleetConfig#MAX_EVENTS_PER_SECOND}]
   */
  public FleetSimulator(long seed, Instant start, double eventsPerSecond) {
    this(seed, start, eventsPerSecond, start);
  }

  /**
   * A fleet whose incidents are scheduled from {@code incidentsStart} instead of its own start: the
   * time before it is calm (no outage, no slow database). A fleet started an hour before
   * {@code incidentsStart} makes a calm previous hour, the baseline the live fleet's incidents stand out from.
   */
  public FleetSimulator(long seed, Instant start, double eventsPerSecond, Instant incidentsStart) {
    this.start = Objects.requireNonNull(start, "start");
    if (!(eventsPerSecond > 0) || eventsPerSecond > FleetConfig.MAX_EVENTS_PER_SECOND) {
      throw new IllegalArgumentException("eventsPerSecond (" + eventsPerSecond + ") must be in (0, "
          + (long) FleetConfig.MAX_EVENTS_PER_SECOND + "]");
    }
    this.eventsPerSecond = eventsPerSecond;
    this.dice = new Dice(seed);
    this.incidents = new IncidentSchedule(seed, Objects.requireNonNull(incidentsStart, "incidentsStart"));
    this.pods = deploy(new Dice(seed ^ 0x5DEECE66DL));
    this.requests = new RequestSimulation(dice, pods, incidents, this::schedule);
    this.jobs = new BackgroundJobs(dice, pods, this::schedule);
    this.totalFlowWeight = ShopCatalog.FLOWS.stream().mapToDouble(RequestFlow::weight).sum();
    this.reached = start;
  }

  /** The simulated instant the fleet started at. */
  public Instant start() {
    return start;
  }

  /** The simulated instant reached so far: every line timestamped up to it has been handed over. */
  public Instant now() {
    return reached;
  }

  /** Lines handed over so far. */
  public long eventsEmitted() {
    return emitted;
  }

  /**
   * Moves simulated time forward to {@code until} and hands every line timestamped up to it to
   * {@code sink}, oldest first; each line is one JSON object without a trailing newline and
   * belongs to the sink. Moving backwards is a no-op.
   *
   * @return how many lines were handed over
   */
  public int advanceTo(Instant until, Consumer<byte[]> sink) {
    Objects.requireNonNull(sink, "sink");
    if (!until.isAfter(reached)) {
      return 0;
    }
    long untilNanos = Duration.between(start, until).toNanos();
    while (nextUnitNanos <= untilNanos) {
      long before = created;
      runUnit(start.plusNanos(nextUnitNanos));
      long events = created - before;
      nextUnitNanos += Math.max(1, Math.round(events * 1e9 / eventsPerSecond));
    }
    int count = 0;
    while (!pending.isEmpty() && !pending.peek().event().timestamp().isAfter(until)) {
      sink.accept(renderer.render(pending.poll().event()));
      count++;
    }
    emitted += count;
    reached = until;
    return count;
  }

  /** {@link #advanceTo(Instant, Consumer)} by a step, collecting the lines. */
  public List<byte[]> advanceBy(Duration step) {
    List<byte[]> lines = new ArrayList<>();
    advanceTo(reached.plus(step), lines::add);
    return lines;
  }

  private void runUnit(Instant at) {
    if (dice.chance(BACKGROUND_SHARE)) {
      jobs.run(at);
      return;
    }
    double pick = dice.uniform() * totalFlowWeight;
    for (RequestFlow flow : ShopCatalog.FLOWS) {
      pick -= flow.weight();
      if (pick < 0) {
        requests.run(flow, at);
        return;
      }
    }
    requests.run(ShopCatalog.FLOWS.getLast(), at);
  }

  private void schedule(SimEvent event) {
    pending.add(new Scheduled(created++, event));
  }

  /** Two to four pods per service (four for the gateway), named and addressed like Kubernetes does. */
  private static Map<String, List<Pod>> deploy(Dice dice) {
    Map<String, List<Pod>> pods = new LinkedHashMap<>();
    int subnet = 0;
    for (ShopService service : ShopCatalog.SERVICES) {
      String replicaSet = dice.kubeSuffix(5);
      int count = service.name().equals("api-gateway") ? 4 : dice.between(2, 3);
      List<Pod> replicas = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        replicas.add(new Pod(service, service.name() + "-" + replicaSet + "-" + dice.kubeSuffix(5),
            "10.42." + (subnet + i) % 16 + "." + dice.between(2, 253)));
      }
      subnet += count;
      pods.put(service.name(), List.copyOf(replicas));
    }
    return Map.copyOf(pods);
  }
}

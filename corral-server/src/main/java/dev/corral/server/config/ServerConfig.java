package dev.corral.server.config;

import dev.corral.model.normalize.DecodeLimits;
import dev.corral.server.ingest.IngestBacklog;
import dev.corral.server.search.QueryCostLimits;
import dev.corral.model.normalize.IngestWindow;
import dev.corral.server.tail.TailLimits;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.StoreConfig;
import dev.corral.store.StoreLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The server's configuration, typed and validated. Built once at start from {@link ConfigValues};
 * nothing in it changes at runtime.
 *
 * @param host address the HTTP API binds to
 * @param port HTTP port (0 picks a free one)
 * @param maxBodyBytes largest request body after decompression
 * @param dataDir root of wal/ and partitions/
 * @param maxEventBytes largest single event
 * @param maxFields most fields per event
 * @param maxDepth deepest nesting per event
 * @param maxMessageBytes message length beyond which it is truncated
 * @param backlog indexing backlog above which ingest waits (target) or answers 429 (maximum)
 * @param aliasesFile optional alias table merged over the built-in one, or null
 * @param otlpGrpcPort port of the OTLP/gRPC receiver, 0 for any free one, -1 for none
 * @param bulkIndexAsService whether a _bulk target index names the service of events that have none
 * @param sockets ports and limits of the syslog, GELF and Fluent forward socket inputs
 * @param minFreeBytes free disk below which ingest answers 507
 * @param walSegmentBytes WAL segment size
 * @param indexerThreads indexing threads
 * @param ramBufferMb Lucene indexing buffer per partition
 * @param refreshInterval ingest-to-searchable interval
 * @param commitInterval commit interval
 * @param warmAfter delay after the end of a partition's day before it is compacted to warm
 * @param maxKeywordBytes longest string indexed as a keyword
 * @param defaultLimit events returned when a search names no limit
 * @param maxLimit most events one search may return, and most table rows
 * @param queryTimeout queries running longer are cancelled
 * @param maxConcurrentQueries queries executing at once
 * @param maxQueuedQueries queries waiting beyond which new ones get 429
 * @param maxGroups groups an aggregation keeps before folding the rest into "(other)"
 * @param maxQueryMemoryBytes aggregation state one query may hold
 * @param tail limits of the live tail
 * @param queryCost the expensive-query lane and the most a query may be estimated to cost
 * @param ingestWindow the range of event timestamps ingest indexes; events outside become dead letters
 * @param http connection limits, timeouts and the origin and host rules of the HTTP API
 * @param storeLimits open writers and readers, fields per partition and recovery retries of the store
 * @param compactionMaxBytesPerSec most bytes per second a compaction's merge writes, 0 for no limit
 */
public record ServerConfig(String host, int port, long maxBodyBytes, Path dataDir, int maxEventBytes,
    int maxFields, int maxDepth, int maxMessageBytes, IngestBacklog backlog, Path aliasesFile,
    int otlpGrpcPort, boolean bulkIndexAsService, SocketInputsConfig sockets, long minFreeBytes, long walSegmentBytes, int indexerThreads, int ramBufferMb, Duration refreshInterval,
    Duration commitInterval, Duration warmAfter, int maxKeywordBytes, int defaultLimit, int maxLimit, Duration queryTimeout,
    int maxConcurrentQueries, int maxQueuedQueries, int maxGroups, long maxQueryMemoryBytes, TailLimits tail,
    QueryCostLimits queryCost, IngestWindow ingestWindow, HttpConfig http, StoreLimits storeLimits,
    long compactionMaxBytesPerSec) {

  private static final long MAX_BODY_CEILING = 1L << 30; // a body is held in memory: 1 GiB is already too much
  private static final int MAX_EVENT_CEILING = 64 << 20; // one WAL record per request must fit
  private static final int MAX_THREADS = 256;
  /** A million passes over a whole terms dictionary: past any query worth running. */
  private static final int MAX_QUERY_COST = 1_000_000_000;
  private static final int MAX_WINDOW_DAYS = 36_500; // a century: any longer is "no limit", which is 0

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(tail, "tail");
    Objects.requireNonNull(backlog, "backlog");
    Objects.requireNonNull(queryCost, "queryCost");
    Objects.requireNonNull(ingestWindow, "ingestWindow");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(storeLimits, "storeLimits");
    if (maxEventBytes > maxBodyBytes) {
      throw new ConfigException("ingest.max_event_bytes (" + maxEventBytes + ") must not exceed http.max_body_bytes ("
          + maxBodyBytes + ")");
    }
    if (defaultLimit > maxLimit) {
      throw new ConfigException("search.default_limit (" + defaultLimit + ") must not exceed search.max_limit ("
          + maxLimit + ")");
    }
  }

  private static IngestBacklog backlog(ConfigValues values) {
    long max = values.integer(Settings.INGEST_MAX_PENDING_EVENTS, 1000, Integer.MAX_VALUE);
    long target = values.integer(Settings.INGEST_TARGET_PENDING_EVENTS, 0, Integer.MAX_VALUE);
    if (target > max) {
      throw new ConfigException("ingest.target_pending_events (" + target + ") must not exceed "
          + "ingest.max_pending_events (" + max + ")");
    }
    return IngestBacklog.of(target, max);
  }

  /** Reads and validates every setting. */
  public static ServerConfig from(ConfigValues values) {
    String aliases = values.text(Settings.INGEST_ALIASES_FILE).trim();
    int threads = values.integer(Settings.STORE_INDEXER_THREADS, 0, StoreConfig.MAX_INDEXER_THREADS);
    return new ServerConfig(
        values.text(Settings.HTTP_HOST).trim(),
        values.integer(Settings.HTTP_PORT, 0, 65535),
        values.bytes(Settings.HTTP_MAX_BODY_BYTES, 1024, MAX_BODY_CEILING),
        Path.of(values.text(Settings.DATA_DIR).trim()),
        (int) values.bytes(Settings.INGEST_MAX_EVENT_BYTES, 256, MAX_EVENT_CEILING),
        values.integer(Settings.INGEST_MAX_FIELDS, 10, 100_000),
        values.integer(Settings.INGEST_MAX_DEPTH, 1, 1000),
        (int) values.bytes(Settings.INGEST_MAX_MESSAGE_BYTES, 64, MAX_EVENT_CEILING),
        backlog(values),
        aliases.isEmpty() ? null : Path.of(aliases),
        values.integer(Settings.OTLP_GRPC_PORT, -1, 65535),
        values.bool(Settings.BULK_INDEX_AS_SERVICE),
        SocketInputsConfig.from(values),
        values.bytes(Settings.STORAGE_MIN_FREE_BYTES, 0, Long.MAX_VALUE),
        values.bytes(Settings.WAL_SEGMENT_BYTES, 1 << 20, 1L << 31),
        threads == 0 ? StoreConfig.indexerThreadsForCores(Runtime.getRuntime().availableProcessors()) : threads,
        (int) (values.bytes(Settings.STORE_RAM_BUFFER, 1 << 20, 2047L << 20) >> 20),
        values.duration(Settings.STORE_REFRESH_INTERVAL, Duration.ofMillis(10), Duration.ofMinutes(10)),
        values.duration(Settings.STORE_COMMIT_INTERVAL, Duration.ofMillis(100), Duration.ofHours(1)),
        values.duration(Settings.STORE_WARM_AFTER, Duration.ZERO, Duration.ofDays(3650)),
        (int) values.bytes(Settings.STORE_MAX_KEYWORD_BYTES, 16, 32766),
        values.integer(Settings.SEARCH_DEFAULT_LIMIT, 0, QueryRequest.MAX_LIMIT),
        values.integer(Settings.SEARCH_MAX_LIMIT, 1, QueryRequest.MAX_LIMIT),
        values.duration(Settings.SEARCH_TIMEOUT, Duration.ofMillis(10), Duration.ofHours(1)),
        values.integer(Settings.SEARCH_MAX_CONCURRENT, 1, MAX_THREADS),
        values.integer(Settings.SEARCH_MAX_QUEUED, 0, 100_000),
        values.integer(Settings.SEARCH_MAX_GROUPS, 1, 10_000_000),
        values.bytes(Settings.SEARCH_MAX_MEMORY, 1 << 20, 1L << 40),
        tail(values),
        queryCost(values),
        ingestWindow(values),
        HttpConfig.from(values),
        storeLimits(values),
        values.bytes(Settings.STORE_COMPACTION_MAX_BYTES_PER_SEC, 0, 1L << 40));
  }

  private static QueryCostLimits queryCost(ConfigValues values) {
    try {
      return new QueryCostLimits(values.integer(Settings.SEARCH_EXPENSIVE_QUERY_COST, 1, MAX_QUERY_COST),
          values.integer(Settings.SEARCH_MAX_QUERY_COST, 1, MAX_QUERY_COST),
          values.integer(Settings.SEARCH_MAX_CONCURRENT_EXPENSIVE, 1, MAX_THREADS),
          values.integer(Settings.SEARCH_MAX_QUEUED_EXPENSIVE, 0, 100_000));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private static TailLimits tail(ConfigValues values) {
    int subscribers = values.integer(Settings.TAIL_MAX_SUBSCRIBERS, 1, TailLimits.MAX_SUBSCRIBERS_CEILING);
    int perClient = values.integer(Settings.TAIL_MAX_PER_CLIENT, 0, subscribers);
    return new TailLimits(values.integer(Settings.TAIL_MAX_EVENTS_PER_SECOND, 1, TailLimits.MAX_EVENTS_PER_SECOND_CEILING),
        subscribers, perClient == 0 ? TailLimits.defaultPerClient(subscribers) : perClient);
  }

  private static IngestWindow ingestWindow(ConfigValues values) {
    return new IngestWindow(durationOrZero(values, Settings.INGEST_MAX_PAST),
        durationOrZero(values, Settings.INGEST_MAX_FUTURE));
  }

  /** A duration setting that may also be a bare {@code 0}; at most a century (timestamps end in 2262). */
  private static Duration durationOrZero(ConfigValues values, Setting setting) {
    return values.text(setting).trim().equals("0") ? Duration.ZERO
        : values.duration(setting, Duration.ZERO, Duration.ofDays(MAX_WINDOW_DAYS));
  }

  private static StoreLimits storeLimits(ConfigValues values) {
    return new StoreLimits(
        values.integer(Settings.STORE_MAX_OPEN_WRITERS, StoreLimits.MIN_OPEN_WRITERS, StoreLimits.MAX_OPEN_LIMIT),
        values.integer(Settings.STORE_MAX_OPEN_READERS, 1, StoreLimits.MAX_OPEN_LIMIT),
        values.integer(Settings.STORE_MAX_FIELDS_PER_PARTITION, 1, StoreLimits.MAX_FIELDS_PER_PARTITION_LIMIT),
        values.duration(Settings.STORE_RECOVERY_INTERVAL, Duration.ofMillis(10), Duration.ofHours(1)));
  }

  /** The per-event limits the decoder enforces. */
  public DecodeLimits decodeLimits() {
    return new DecodeLimits(maxEventBytes, maxFields, maxDepth, maxMessageBytes);
  }

  /** Directory of the write-ahead log. */
  public Path walDir() {
    return dataDir.resolve("wal");
  }

  /** Directory of the saved dashboards (one JSON file each). */
  public Path dashboardsDir() {
    return dataDir.resolve("dashboards");
  }

  /** Directory of the Lucene partitions. */
  public Path partitionsDir() {
    return dataDir.resolve("partitions");
  }
}

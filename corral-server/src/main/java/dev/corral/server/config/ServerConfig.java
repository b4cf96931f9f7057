package dev.corral.server.config;

import dev.corral.model.normalize.DecodeLimits;
import dev.corral.server.tail.TailLimits;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The server's configuration, typed and validated: one section per service, each read by its own
 * {@code from(ConfigValues)}. Built once at start; nothing in it changes at runtime.
 *
 * @param http where the HTTP API listens, its body limit, connection limits and origin rules
 * @param dataDir root of wal/, partitions/ and dashboards/
 * @param ingest per-event limits, backlog bound, alias table, timestamp window, free-disk floor
 * @param inputs the OTLP/gRPC port, the {@code _bulk} index rule and the socket inputs
 * @param wal the write-ahead log's segment size
 * @param store indexing, commits, compaction and what the store keeps open
 * @param search result sizes, timeouts, query lanes and what one query may hold
 * @param tail limits of the live tail
 * @param auth whether requests need an API key
 * @param rateLimits the keys' default rate limits and the per-service ingest quotas
 * @param fluent the Fluent forward input's handshake key
 * @param socketAccess who may send to the socket inputs that carry no key: source allowlist, syslog client certificates
 * @param retention what the store keeps by age, size and stream rule (the admin API may replace it)
 * @param archive where and when whole days are archived to an S3-compatible object store
 * @param backup where every acknowledged record is backed up as it arrives (the raw backup)
 * @param beats the Beats (Lumberjack v2) input's port and TLS files
 * @param pipelines where pipeline definitions live and which pipeline each input runs by default
 * @param recording where the recording rules (log-derived metrics) live and what their evaluation may take
 * @param alertChannels where {@code channels.yaml} lives and how alert notifications are delivered
 * @param alertsState the alert states' public URL for links and how long resolved instances stay listed
 * @param alerts where alert rule files live and how rule evaluation is bounded
 * @param tls the shared certificate of every TCP listener, the TLS protocol and cipher policy, the reload interval
 * @param audit whether the audit log records, and how many entries may wait to be stored
 * @param sessions how long a signed-in user's session of the web UI lives
 * @param openSearch which store backend, and for OpenSearch where the cluster is and how indices are made
 * @param kafka the Kafka input: brokers, topics and their formats, consumer group, client properties
 * @param kafkaForward the Kafka topic every received event is forwarded to, and the cluster's client settings
 */
public record ServerConfig(HttpConfig http, Path dataDir, IngestSection ingest, InputsSection inputs,
    WalSection wal, StoreSection store, SearchSection search, TailLimits tail, AuthSection auth,
    RateLimitSection rateLimits, FluentSection fluent, SocketAccessSection socketAccess, RetentionSection retention,
    ArchiveSection archive, BackupSection backup, BeatsSection beats, PipelinesSection pipelines,
    RecordingSection recording, AlertChannelsSection alertChannels,
    AlertsStateSection alertsState, AlertsSection alerts, TlsSection tls, AuditSection audit,
    SessionSection sessions, OpenSearchSection openSearch, KafkaSection kafka, KafkaForwardSection kafkaForward) {

  public ServerConfig {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(ingest, "ingest");
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(wal, "wal");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(search, "search");
    Objects.requireNonNull(tail, "tail");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(rateLimits, "rateLimits");
    Objects.requireNonNull(fluent, "fluent");
    Objects.requireNonNull(socketAccess, "socketAccess");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(archive, "archive");
    Objects.requireNonNull(backup, "backup");
    Objects.requireNonNull(beats, "beats");
    Objects.requireNonNull(pipelines, "pipelines");
    Objects.requireNonNull(recording, "recording");
    Objects.requireNonNull(alertChannels, "alertChannels");
    Objects.requireNonNull(alertsState, "alertsState");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(openSearch, "openSearch");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(kafkaForward, "kafkaForward");
    if (ingest.decodeLimits().maxEventBytes() > http.maxBodyBytes()) {
      throw new ConfigException("ingest.max_event_bytes (" + ingest.decodeLimits().maxEventBytes()
          + ") must not exceed http.max_body_bytes (" + http.maxBodyBytes() + ")");
    }
  }

  /** Reads and validates every setting. */
  public static ServerConfig from(ConfigValues values) {
    AuthSection auth = AuthSection.from(values);
    Path dataDir = Path.of(values.text(Settings.DATA_DIR).trim());
    return new ServerConfig(HttpConfig.from(values), dataDir,
        IngestSection.from(values), InputsSection.from(values), WalSection.from(values), StoreSection.from(values),
        SearchSection.from(values), tail(values), auth, RateLimitSection.from(values), FluentSection.from(values),
        SocketAccessSection.from(values, auth.keysRequired()), RetentionSection.from(values),
        ArchiveSection.from(values), BackupSection.from(values), BeatsSection.from(values),
        PipelinesSection.from(values, dataDir), RecordingSection.from(values, dataDir),
        AlertChannelsSection.from(values, dataDir), AlertsStateSection.from(values),
        AlertsSection.from(values, dataDir), TlsSection.from(values), AuditSection.from(values, auth.keysRequired()),
        SessionSection.from(values), OpenSearchSection.from(values), KafkaSection.from(values),
        KafkaForwardSection.from(values));
  }

  /** The {@code tail.*} settings, bounded by the tail's own ceilings. */
  private static TailLimits tail(ConfigValues values) {
    int subscribers = values.integer(Settings.TAIL_MAX_SUBSCRIBERS, 1, TailLimits.MAX_SUBSCRIBERS_CEILING);
    int perClient = values.integer(Settings.TAIL_MAX_PER_CLIENT, 0, subscribers);
    return new TailLimits(values.integer(Settings.TAIL_MAX_EVENTS_PER_SECOND, 1, TailLimits.MAX_EVENTS_PER_SECOND_CEILING),
        subscribers, perClient == 0 ? TailLimits.defaultPerClient(subscribers) : perClient,
        values.integer(Settings.TAIL_MAX_REPLAY_EVENTS, 0, TailLimits.MAX_REPLAY_EVENTS_CEILING));
  }

  // What the inputs read, as they read it before the configuration had sections.

  /** Address the HTTP API and the socket inputs bind to. */
  public String host() {
    return http.host();
  }

  /** Largest request body after decompression. */
  public long maxBodyBytes() {
    return http.maxBodyBytes();
  }

  /** The per-event limits the decoder enforces. */
  public DecodeLimits decodeLimits() {
    return ingest.decodeLimits();
  }

  /** Optional alias table merged over the built-in one, or null. */
  public Path aliasesFile() {
    return ingest.aliasesFile();
  }

  /** Port of the OTLP/gRPC receiver, 0 for any free one, -1 for none. */
  public int otlpGrpcPort() {
    return inputs.otlpGrpcPort();
  }

  /** Whether a {@code _bulk} target index names the service of events that have none. */
  public boolean bulkIndexAsService() {
    return inputs.bulkIndexAsService();
  }

  /** Ports and limits of the socket inputs. */
  public SocketInputsConfig sockets() {
    return inputs.sockets();
  }

  /**
   * The most connections the TCP socket inputs that are on may hold open together (each one a file): those of {@link
   * InputsSection#tcpConnections()} and the Beats input's.
   */
  public long tcpConnections() {
    return inputs.tcpConnections() + (beats.port() >= 0 ? sockets().tcpLimits().maxConnections() : 0);
  }

  /** Directory of the write-ahead log. */
  public Path walDir() {
    return dataDir.resolve("wal");
  }

  /** Directory of the saved dashboards (one JSON file each). */
  public Path dashboardsDir() {
    return dataDir.resolve("dashboards");
  }

  /** Directory of the archive's state and its snapshots in upload (beside the partitions: hard links). */
  public Path archiveDir() {
    return dataDir.resolve("archive");
  }

  /** Directory of the alert states and the silences. */
  public Path alertsStateDir() {
    return dataDir.resolve("alerts-state");
  }

  /** Directory of the Lucene partitions. */
  public Path partitionsDir() {
    return dataDir.resolve("partitions");
  }
}

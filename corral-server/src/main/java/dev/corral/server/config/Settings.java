package dev.corral.server.config;

import dev.corral.model.normalize.DecodeLimits;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.StoreConfig;
import dev.corral.store.StoreLimits;
import dev.corral.wal.WalConfig;
import dev.corral.wal.WalRetention;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key Corral reads, with its default. This table is the single source of
 * truth: the loader rejects keys not in it, and docs/configuration.md documents each of them
 * (a test checks that). Where the component that uses a value has its own default, the key's
 * default is that constant, written as configuration text.
 */
public final class Settings {
  public static final Setting HTTP_HOST = new Setting("http.host", "127.0.0.1",
      "Address the HTTP API binds to. Use 0.0.0.0 to accept logs from other machines.");
  public static final Setting HTTP_PORT = new Setting("http.port", "8080",
      "HTTP port of the API (0 picks a free port).");
  public static final Setting HTTP_MAX_BODY_BYTES = new Setting("http.max_body_bytes", "32MiB",
      "Largest request body accepted, after gzip decompression; larger bodies get 413.");
  public static final Setting HTTP_MAX_CONNECTIONS = new Setting("http.max_connections", "0",
      "HTTP connections served at once; more wait in the accept backlog. 0 derives it from the open-file limit: half the limit stays with the store, the socket inputs keep sockets.max_connections each, the rest goes to HTTP.");
  public static final Setting HTTP_HEADER_TIMEOUT = new Setting("http.header_timeout", "10s",
      "A connection whose request line and headers take longer than this to arrive is closed (slowloris).");
  public static final Setting HTTP_IDLE_TIMEOUT = new Setting("http.idle_timeout", "30s",
      "A connection with nothing to read or write this long is closed (idle keep-alives, stalled bodies); at the connection cap, after at most 5 s.");
  public static final Setting HTTP_ALLOWED_ORIGINS = Setting.list("http.allowed_origins", "",
      "List of web origins (e.g. https://grafana.example.com) besides the server's own whose pages may use the API from a browser: read it (CORS) and send POST, PUT, DELETE and PATCH.");
  public static final Setting HTTP_ALLOWED_HOSTS = Setting.list("http.allowed_hosts", "",
      "List of host names besides localhost, loopback and the bound address that browsers may use in the Host header (DNS-rebinding guard); needed when the UI is opened under a name.");
  public static final Setting AUTH_MODE = new Setting("auth.mode", "auto",
      "auto, none or keys. keys: every route but /health, /ready and the UI's files needs an API key (docs/security.md). "
          + "none: no access control. auto: none while http.host is a loopback address; bound to any other address "
          + "Corral refuses to start until auth.mode is set to keys or none.");
  public static final Setting AUTH_KEY_EVENTS_PER_SECOND = new Setting("auth.key_events_per_second", "0",
      "Events per second each ingest or admin API key may send, unless the key has its own limit (corral keys create "
          + "--max-events-per-second). Over it a request is refused whole with 429 and Retry-After. 0: no limit, the "
          + "default, because a right figure depends on the fleet and a wrong one refuses real logs; set it once you know "
          + "your shippers' rates.");
  public static final Setting AUTH_KEY_QUERIES_PER_MINUTE = new Setting("auth.key_queries_per_minute", "0",
      "Requests per minute each read or admin API key may make to read routes (search, query, trace, tail, fields, "
          + "dashboards, stats), unless the key has its own limit (--max-queries-per-minute). Over it: 429 and "
          + "Retry-After. 0: no limit, the default, because the UI makes several requests per screen and a low default "
          + "would break it.");
  public static final Setting AUTH_SESSION_IDLE_TIMEOUT = new Setting("auth.session_idle_timeout", "1h",
      "A signed-in user's session of the web UI (docs/security.md, Users and sessions) unused this long ends: sign in "
          + "again. Each request restarts it.");
  public static final Setting AUTH_SESSION_MAX_AGE = new Setting("auth.session_max_age", "12h",
      "A signed-in user's session ends this long after the sign-in however it is used (a working day).");
  public static final Setting DATA_DIR = new Setting("data.dir", "./data",
      "Directory holding the write-ahead log (wal/) and the partitions (partitions/).");
  public static final Setting INGEST_MAX_EVENT_BYTES = new Setting("ingest.max_event_bytes",
      ByteSize.format(DecodeLimits.DEFAULT_MAX_EVENT_BYTES),
      "Largest single event (one NDJSON line); a larger one is rejected with its line number.");
  public static final Setting INGEST_MAX_FIELDS = new Setting("ingest.max_fields",
      Integer.toString(DecodeLimits.DEFAULT_MAX_FIELDS),
      "Most fields one event may carry after flattening; more is rejected (mapping explosion).");
  public static final Setting INGEST_MAX_DEPTH = new Setting("ingest.max_depth",
      Integer.toString(DecodeLimits.DEFAULT_MAX_DEPTH),
      "Deepest object nesting accepted in one event.");
  public static final Setting INGEST_MAX_MESSAGE_BYTES = new Setting("ingest.max_message_bytes",
      ByteSize.format(DecodeLimits.DEFAULT_MAX_MESSAGE_BYTES),
      "Messages longer than this are truncated and flagged _truncated=true.");
  public static final Setting INGEST_MAX_PENDING_EVENTS = new Setting("ingest.max_pending_events", "100000",
      "Events durable in the WAL but not yet indexed beyond which ingest answers 429 with Retry-After (bounds memory: about 2 KiB each).");
  public static final Setting INGEST_TARGET_PENDING_EVENTS = new Setting("ingest.target_pending_events", "5000",
      "Events durable in the WAL but not yet indexed above which ingest requests wait (up to 5 s) for the indexers before they are written, so acknowledged events are searchable within about a second; at most ingest.max_pending_events.");
  public static final Setting INGEST_SERVICE_QUOTAS = Setting.maps("ingest.service_quotas",
      "Per-service ingest quotas, each {service: NAME_OR_GLOB, events_per_second: N}; the first whose service "
          + "matches an event's service applies, each matching service on its own bucket. A request holding more of a "
          + "service's events than its bucket allows is refused whole with 429 and Retry-After; other services' "
          + "requests pass. YAML file only.");
  public static final Setting INGEST_SERVICE_QUOTA_DEFAULT = new Setting("ingest.service_quota_default", "0",
      "Events per second of each service no entry of ingest.service_quotas matches. 0: no limit, the default.");
  public static final Setting INGEST_MAX_PAST = new Setting("ingest.max_past", "0",
      "How far before the time it is received an event's timestamp may be (e.g. 30d); an older event is kept as a dead letter with the reason instead of being indexed. 0 means no limit, so back-fills of old logs work.");
  public static final Setting INGEST_MAX_FUTURE = new Setting("ingest.max_future", "1d",
      "How far after the time it is received an event's timestamp may be; a later event is kept as a dead letter with the reason instead of being indexed (a wrong clock or a year typo would otherwise open a partition of its own).");
  public static final Setting INGEST_ALIASES_FILE = new Setting("ingest.aliases_file", "",
      "Optional YAML file of field aliases merged over the built-in table (canonical name: [aliases]).");
  public static final Setting OTLP_GRPC_PORT = new Setting("otlp.grpc_port", "4317",
      "Port of the OTLP/gRPC logs receiver (bound on http.host); 0 picks a free port, -1 turns it off.");
  public static final Setting BULK_INDEX_AS_SERVICE = new Setting("bulk.index_as_service", "false",
      "For _bulk requests, use the target index name as the service when an event names none (the index is always kept in the _index field).");
  public static final Setting SYSLOG_UDP_PORT = new Setting("syslog.udp_port", "5514",
      "UDP port of the syslog input (RFC 5424 and 3164); 0 picks a free port, -1 turns it off.");
  public static final Setting SYSLOG_TCP_PORT = new Setting("syslog.tcp_port", "5514",
      "TCP port of the syslog input (octet-counted or newline framing, auto-detected); -1 turns it off.");
  public static final Setting SYSLOG_TLS_PORT = new Setting("syslog.tls_port", "-1",
      "TLS port of the syslog input (RFC 5425, usually 6514); needs syslog.tls_cert and syslog.tls_key or syslog.tls_keystore.");
  public static final Setting SYSLOG_TLS_CERT = new Setting("syslog.tls_cert", "",
      "PEM file with the TLS server certificate (chain) of the syslog TLS input.");
  public static final Setting SYSLOG_TLS_KEY = new Setting("syslog.tls_key", "",
      "PEM file with the PKCS#8 private key of the syslog TLS input.");
  public static final Setting SYSLOG_TLS_KEYSTORE = new Setting("syslog.tls_keystore", "",
      "PKCS#12 keystore of the syslog TLS input (instead of tls_cert and tls_key).");
  public static final Setting SYSLOG_TLS_KEYSTORE_PASSWORD = new Setting("syslog.tls_keystore_password", "",
      "Password of syslog.tls_keystore.");
  public static final Setting SYSLOG_TLS_CLIENT_CA = new Setting("syslog.tls_client_ca", "",
      "PEM file of the CA certificate(s) whose client certificates the syslog TLS input accepts; when set, a client "
          + "must present a certificate signed by one of them (the handshake fails otherwise), and one that does is "
          + "admitted from any source, whatever inputs.allowed_sources says.");
  public static final Setting SYSLOG_TLS_CLIENT_AUTH = new Setting("syslog.tls_client_auth", "",
      "none or required: whether the syslog TLS input requires a client certificate. Empty means required when "
          + "syslog.tls_client_ca is set, none otherwise; required needs syslog.tls_client_ca.");
  public static final Setting GELF_UDP_PORT = new Setting("gelf.udp_port", "12201",
      "UDP port of the GELF input (chunked, gzip, zlib); 0 picks a free port, -1 turns it off.");
  public static final Setting GELF_TCP_PORT = new Setting("gelf.tcp_port", "12201",
      "TCP port of the GELF input (null-byte framing); -1 turns it off.");
  public static final Setting FLUENT_PORT = new Setting("fluent.port", "24224",
      "TCP port of the Fluent forward input (Fluent Bit, Fluentd, Fluency); -1 turns it off.");
  public static final Setting FLUENT_SHARED_KEY = new Setting("fluent.shared_key", "",
      "Shared key of the Fluent forward protocol's handshake (HELO, PING, PONG): when set, every forward connection must "
          + "prove it knows the key (Fluentd <security> shared_key, Fluent Bit Shared_Key) before any event is taken. "
          + "Required while fluent.port is on and API keys are required (auth.mode: keys). A secret: never logged.");
  public static final Setting BEATS_PORT = new Setting("beats.port", "-1",
      "TCP port of the Beats input (Lumberjack v2: Filebeat's and Winlogbeat's output.logstash), usually 5044; 0 picks "
          + "a free port, -1 (the default, so a Logstash still on 5044 is left alone) turns it off.");
  public static final Setting BEATS_TLS_CERT = new Setting("beats.tls_cert", "",
      "PEM file with the TLS server certificate (chain) of the Beats input; with beats.tls_key the Beats port speaks TLS only.");
  public static final Setting BEATS_TLS_KEY = new Setting("beats.tls_key", "",
      "PEM file with the PKCS#8 private key of the Beats input's TLS certificate.");
  public static final Setting BEATS_TLS_CLIENT_CA = new Setting("beats.tls_client_ca", "",
      "PEM file of the CA certificate(s) whose client certificates the Beats input requires (Filebeat ssl.certificate "
          + "and ssl.key); a client with one is admitted from any source, whatever inputs.allowed_sources says. Needs "
          + "beats.tls_cert and beats.tls_key.");
  public static final Setting SOCKETS_MAX_CONNECTIONS = new Setting("sockets.max_connections", "1024",
      "TCP connections each socket input serves at once; more are closed on accept.");
  public static final Setting SOCKETS_IDLE_TIMEOUT = new Setting("sockets.idle_timeout", "5m",
      "A TCP connection (syslog, GELF, forward) that sends nothing this long is closed.");
  public static final Setting INPUTS_ALLOWED_SOURCES = Setting.list("inputs.allowed_sources", "",
      "List of IP addresses and CIDR blocks (IPv4 and IPv6, e.g. 10.0.0.0/8, 192.168.1.20, ::1) that may send to the "
          + "syslog and GELF socket inputs; a TCP connection from elsewhere is closed at accept, a UDP datagram "
          + "dropped, both counted. Empty: with API keys required (auth.mode) only loopback (127.0.0.0/8, ::1), "
          + "otherwise any source. A syslog TLS client with a certificate signed by syslog.tls_client_ca is admitted "
          + "from anywhere.");
  public static final Setting STORAGE_MIN_FREE_BYTES = new Setting("storage.min_free_bytes", "512MiB",
      "When the data directory's disk has less free space than this, ingest answers 507 until space returns.");
  public static final Setting WAL_SEGMENT_BYTES = new Setting("wal.segment_bytes",
      ByteSize.format(WalConfig.DEFAULT_SEGMENT_BYTES),
      "Size at which the write-ahead log rolls to a new segment file.");
  public static final Setting WAL_RETENTION_MAX_BYTES = new Setting("wal.retention_max_bytes",
      ByteSize.format(WalRetention.DEFAULT_MAX_BYTES),
      "Most write-ahead log kept for a stuck non-essential consumer (not the indexer): beyond it the oldest segments "
          + "are deleted anyway and that consumer is told what it missed; 0 for no bound.");
  public static final Setting WAL_RETENTION_MAX_AGE = new Setting("wal.retention_max_age",
      DurationText.format(WalRetention.DEFAULT_MAX_AGE),
      "Write-ahead log segments last written longer ago than this are deleted even if a non-essential consumer has "
          + "not read them (it is told what it missed); the indexer always keeps what it needs; 0 for no bound.");
  public static final Setting STORE_INDEXER_THREADS = new Setting("store.indexer_threads", "0",
      "Threads that build Lucene documents, 0.." + StoreConfig.MAX_INDEXER_THREADS + "; 0 means one per CPU core, at most "
          + StoreConfig.MAX_INDEXER_THREADS + " (more only contend).");
  public static final Setting STORE_RAM_BUFFER = new Setting("store.ram_buffer",
      ByteSize.format((long) StoreConfig.DEFAULT_RAM_BUFFER_MB << 20),
      "Indexing buffer per partition before Lucene flushes a segment, and of all partitions together: every second "
          + "the fullest writers are flushed until the others hold at most this much.");
  public static final Setting STORE_REFRESH_INTERVAL = new Setting("store.refresh_interval",
      DurationText.format(StoreConfig.DEFAULT_REFRESH_INTERVAL),
      "How stale a read may be: a search, export, alert evaluation or field list first refreshes the partitions it "
          + "reads whose last refresh began longer ago than this and that have new events, so events indexed this long "
          + "before a read are in its answer. While reads keep coming (one in the last 10 s), a background refresh runs ahead "
          + "of them every quarter of this, so they need not wait; without reads, only each commit round refreshes.");
  public static final Setting STORE_COMMIT_INTERVAL = new Setting("store.commit_interval",
      DurationText.format(StoreConfig.DEFAULT_COMMIT_INTERVAL),
      "How often partitions are committed: the store's checkpoint, the WAL cursor of its indexer consumer, moves on, and "
          + "the WAL then deletes the segments wholly before it (once any other durable consumer has passed them too); "
          + "bounds replay time after a crash.");
  public static final Setting STORE_WARM_AFTER = new Setting("store.warm_after",
      DurationText.format(StoreConfig.DEFAULT_WARM_AFTER),
      "How long after the end of its UTC day a partition is compacted to warm (one segment, best compression).");
  public static final Setting STORE_COMPACTION_MAX_BYTES_PER_SEC = new Setting("store.compaction_max_bytes_per_sec",
      ByteSize.format(StoreConfig.DEFAULT_COMPACTION_MAX_BYTES_PER_SEC), "Most bytes per second a compaction to warm writes (one merge thread; 0 = no limit), so ingest and queries keep their share of disk and CPU.");
  public static final Setting STORE_MAX_KEYWORD_BYTES = new Setting("store.max_keyword_bytes",
      ByteSize.format(StoreConfig.DEFAULT_MAX_KEYWORD_BYTES),
      "Longer string values are kept in the event but not indexed as exact keywords (like Elasticsearch's ignore_above).");
  public static final Setting STORE_MAX_OPEN_WRITERS = new Setting("store.max_open_writers",
      Integer.toString(StoreLimits.DEFAULT_MAX_OPEN_WRITERS),
      "Day partitions with an open Lucene writer at once (each holds its lock file and ~3 files of buffered events); the least "
          + "recently used is committed and closed when another day needs one, so a back-fill of years stays within the file limit.");
  public static final Setting STORE_MAX_OPEN_READERS = new Setting("store.max_open_readers",
      Integer.toString(StoreLimits.DEFAULT_MAX_OPEN_READERS),
      "Day partitions open for search only at once (mapped files, counted against vm.max_map_count); the least recently "
          + "used is closed and reopened by the next search of its day. A running query keeps what it reads.");
  public static final Setting STORE_MAX_FIELDS_PER_PARTITION = new Setting("store.max_fields_per_partition",
      Integer.toString(StoreLimits.DEFAULT_MAX_FIELDS_PER_PARTITION),
      "Distinct field names indexed per day partition (like Elasticsearch's index.mapping.total_fields.limit); fields "
          + "of further names stay in the event's source and match name:*, but are not searchable by value.");
  public static final Setting STORE_RECOVERY_INTERVAL = new Setting("store.recovery_interval",
      DurationText.format(StoreLimits.DEFAULT_RECOVERY_INTERVAL),
      "How often a store that stopped taking writes (too many open files, disk full, ...) retries: it rolls back to its "
          + "last commits and replays the write-ahead log, so it resumes by itself once the cause is gone.");
  public static final Setting SEARCH_DEFAULT_LIMIT = new Setting("search.default_limit", "100",
      "Events returned by a search that names no limit.");
  public static final Setting SEARCH_MAX_LIMIT = new Setting("search.max_limit", "10000",
      "Most events one search (and one trace) may return, and most rows of a result table, 1.."
          + QueryRequest.MAX_LIMIT + "; search.default_limit must not exceed it.");
  public static final Setting SEARCH_TIMEOUT = new Setting("search.timeout", "30s",
      "A query running longer is cancelled and answered with 504.");
  public static final Setting SEARCH_MAX_CONCURRENT = new Setting("search.max_concurrent", "2",
      "Queries executed at once (on their own threads, so heavy queries cannot starve ingest); more wait in line.");
  public static final Setting SEARCH_MAX_QUEUED = new Setting("search.max_queued", "64",
      "Queries waiting for a free slot beyond which new ones are answered with 429.");
  public static final Setting SEARCH_MAX_GROUPS = new Setting("search.max_groups", "10000",
      "Groups one stats/timechart keeps; the rest are folded into an \"(other)\" row (a stats table keeps at most "
          + "search.max_limit - 1 groups, so that row fits).");
  public static final Setting SEARCH_MAX_MEMORY = new Setting("search.max_memory", "100MiB",
      "Aggregation state, and event sources read by a query-time extraction (| json, | parse ...), one query may "
          + "hold; a query needing more fails with a clear error.");
  public static final Setting SEARCH_EXPENSIVE_QUERY_COST = new Setting("search.expensive_query_cost", "1000",
      "Estimated cost (lookups in a terms dictionary; 1000 = one pass over a whole one, as a leading wildcard makes) "
          + "from which a query runs in the expensive lane, apart from the others.");
  public static final Setting SEARCH_MAX_QUERY_COST = new Setting("search.max_query_cost", "250000",
      "Estimated cost above which a query is refused with 400 before it runs (250 passes over a whole terms "
          + "dictionary).");
  public static final Setting SEARCH_MAX_CONCURRENT_EXPENSIVE = new Setting("search.max_concurrent_expensive", "1",
      "Expensive queries executed at once, on threads of their own, so they never hold the slots of "
          + "search.max_concurrent; more wait in line.");
  public static final Setting SEARCH_MAX_QUEUED_EXPENSIVE = new Setting("search.max_queued_expensive", "8",
      "Expensive queries waiting for a free slot beyond which new ones are answered with 429.");
  public static final Setting TAIL_MAX_EVENTS_PER_SECOND = new Setting("tail.max_events_per_second", "2000",
      "Most events per second one live tail (GET /api/v1/tail) sends; the rest are sampled out and counted as skipped.");
  public static final Setting TAIL_MAX_SUBSCRIBERS = new Setting("tail.max_subscribers", "32",
      "Live tails open at once; one more is answered with 429.");
  public static final Setting TAIL_MAX_PER_CLIENT = new Setting("tail.max_per_client", "0",
      "Live tails one client (one remote address) may hold open at once; one more is answered with 429. 0 means a quarter of tail.max_subscribers (at least 1), so one client cannot take every slot.");
  /** A reconnecting viewer needs what it missed in a short outage, not a history: search is for that. */
  public static final Setting TAIL_MAX_REPLAY_EVENTS = new Setting("tail.max_replay_events", "10000",
      "Most matching events a live tail that resumes with Last-Event-ID replays from the write-ahead log before it "
          + "goes live; the rest of what it missed is announced as a gap. 0 replays nothing (every resume is a gap).");

  public static final Setting RETENTION_MAX_AGE = new Setting("retention.max_age", "0",
      "Day partitions whose UTC day ended longer ago than this are dropped (e.g. 30d); 0 keeps them forever, so an "
          + "upgrade never deletes data. A longer matching retention.rules entry keeps its events (docs/operations.md).");
  public static final Setting RETENTION_MAX_BYTES = new Setting("retention.max_bytes", "0",
      "Most bytes the day partitions may take (e.g. 200GiB); beyond it the oldest days are dropped first. 0 sets no "
          + "limit. Set it below the disk's size minus storage.min_free_bytes, so retention acts before ingest stops.");
  public static final Setting RETENTION_RULES = Setting.maps("retention.rules",
      "Stream rules, e.g. [{match: \"level:DEBUG\", max_age: 3d}]: events matching a rule's filter (the query "
          + "language) are kept max_age after their day ends; the longest matching rule wins, also over retention.max_age.");
  public static final Setting RETENTION_INTERVAL = new Setting("retention.interval", "1m",
      "How often the retention pass runs (POST /api/v1/admin/retention/run runs one now).");

  public static final Setting ARCHIVE_URL = new Setting("archive.url", "",
      "Where whole days are archived: s3://bucket/prefix (the prefix may be empty). Empty turns the archive off. See docs/operations.md, Archive.");
  public static final Setting ARCHIVE_ENDPOINT = new Setting("archive.endpoint", "",
      "The S3 endpoint URL, for an S3-compatible store (MinIO, Ceph, s3proxy): e.g. http://minio:9000. Empty: AWS S3 of archive.region.");
  public static final Setting ARCHIVE_REGION = new Setting("archive.region", "",
      "The bucket's region. Empty: the SDK's default region chain (AWS_REGION, the profile), or us-east-1 with archive.endpoint.");
  public static final Setting ARCHIVE_ACCESS_KEY = new Setting("archive.access_key", "",
      "Access key id. Empty (with archive.secret_key empty): the SDK's default chain: the environment, the AWS profile, the instance or container role.");
  public static final Setting ARCHIVE_SECRET_KEY = new Setting("archive.secret_key", "",
      "Secret access key, with archive.access_key. Never logged nor shown in stats; prefer the environment (CORRAL_ARCHIVE_SECRET_KEY) to the file.");
  public static final Setting ARCHIVE_PATH_STYLE = new Setting("archive.path_style", "false",
      "Address the bucket in the path (http://host/bucket/key) instead of the host name: true for MinIO, Ceph and s3proxy.");
  public static final Setting ARCHIVE_AFTER = new Setting("archive.after", "1d",
      "How long a day partition has been warm (its day ended store.warm_after + this ago) before it is uploaded.");
  public static final Setting ARCHIVE_LOCAL_MAX_AGE = new Setting("archive.local_max_age", "0",
      "Age (from the end of its day) past which a day that is archived and verified is removed from the local disk; its tier becomes archive. 0 keeps every day locally.");
  public static final Setting ARCHIVE_MAX_AGE = new Setting("archive.max_age", "0",
      "Age (from the end of its day) past which an archived day's objects are deleted from the bucket. 0 keeps them.");
  public static final Setting ARCHIVE_PART_BYTES = new Setting("archive.part_bytes", "64MiB",
      "Files at least this big are uploaded in parts of this size (S3 multipart upload; 5MiB to 5GiB).");
  public static final Setting ARCHIVE_CACHE_BYTES = new Setting("archive.cache_bytes", "10GiB",
      "Most bytes of archived days fetched for queries and restores, kept in data/archive/cache (LRU; pinned days and days a query reads are never evicted).");

  public static final Setting BACKUP_URL = new Setting("backup.url", "",
      "Where every acknowledged record is backed up as it arrives: s3://bucket/prefix (objects under <prefix>/raw/). Empty turns the raw backup off. See docs/operations.md, Raw backup.");
  public static final Setting BACKUP_ENDPOINT = new Setting("backup.endpoint", "",
      "The S3 endpoint URL of the backup's store. Empty: archive.endpoint.");
  public static final Setting BACKUP_REGION = new Setting("backup.region", "",
      "The backup bucket's region. Empty: archive.region.");
  public static final Setting BACKUP_ACCESS_KEY = new Setting("backup.access_key", "",
      "Access key id for the backup's store. Empty (with backup.secret_key empty): archive.access_key and archive.secret_key.");
  public static final Setting BACKUP_SECRET_KEY = new Setting("backup.secret_key", "",
      "Secret access key, with backup.access_key. Never logged nor shown in stats.");
  public static final Setting BACKUP_PATH_STYLE = new Setting("backup.path_style", "",
      "true or false: address the bucket in the path (MinIO, Ceph, s3proxy). Empty: archive.path_style.");
  public static final Setting BACKUP_OBJECT_BYTES = new Setting("backup.object_bytes", "64MiB",
      "An object is cut once it holds this many bytes of uncompressed NDJSON (or after backup.object_seconds, whichever comes first).");
  public static final Setting BACKUP_OBJECT_SECONDS = new Setting("backup.object_seconds", "60s",
      "An object is cut once its first record has waited this long (or at backup.object_bytes, whichever comes first).");
  public static final Setting BACKUP_ERASURE_WAIT = new Setting("backup.erasure_wait", "30s",
      "How long an erasure waits for the raw backup to upload what the WAL holds before it stops, unfinished, naming what it could not erase from the backup.");

  public static final Setting PIPELINES_DIR = new Setting("pipelines.dir", "",
      "Directory of the processing pipelines' definitions (*.yaml, *.yml, *.json), read at start and again whenever a "
          + "file changes (checked every pipelines.reload_interval). Empty: <data.dir>/pipelines. See docs/pipelines.md.");
  public static final Setting PIPELINES_GEOIP_DIR = new Setting("pipelines.geoip_dir", "",
      "Directory where the geoip processor's database_file (.mmdb) is looked up. Empty: <data.dir>/geoip.");
  public static final Setting PIPELINES_INPUTS = Setting.list("pipelines.inputs", "",
      "The pipeline each input runs when the request names none, as input=pipeline items, e.g. "
          + "[syslog-tcp=syslog, gelf-udp=java]; an input not listed falls back to the pipelines' when rules.");
  public static final Setting PIPELINES_BULK_INDICES = Setting.list("pipelines.bulk_indices", "",
      "The default pipeline of _bulk target indices, as index_pattern=pipeline items (* matches anything), e.g. "
          + "[logs-nginx-*=nginx]: Elasticsearch's index.default_pipeline; an action's pipeline or ?pipeline= wins.");
  public static final Setting PIPELINES_RELOAD_INTERVAL = new Setting("pipelines.reload_interval", "5s",
      "How often the pipelines directory is checked for changed files (names, sizes, modification times).");
  public static final Setting PIPELINES_PREVIEW_EVENTS = new Setting("pipelines.preview_events", "100",
      "How many of the last events each input received (before any pipeline, so unredacted) are kept in memory for "
          + "the Pipelines page's live preview, readable by admin keys only; 0 keeps none.");

  public static final Setting RECORDING_DIR = new Setting("recording.dir", "",
      "Directory of the recording rules (one *.yaml file per log-derived metric), read at start and again whenever a "
          + "file changes. Empty: <alerts.dir>/recording. See docs/metrics.md.");
  public static final Setting RECORDING_RELOAD_INTERVAL = new Setting("recording.reload_interval", "5s",
      "How often the recording rules' directory is checked for changed files (names, sizes, modification times).");
  public static final Setting RECORDING_THREADS = new Setting("recording.threads", "2",
      "Recording rule evaluations that run at once (their queries also wait for a slot of the query lanes).");
  public static final Setting RECORDING_TIMEOUT = new Setting("recording.timeout", "30s",
      "Time budget of one recording rule evaluation, queueing included; past it the evaluation is stopped and "
          + "counted as failed.");
  public static final Setting RECORDING_SEARCHABLE_LAG = new Setting("recording.searchable_lag", "2s",
      "Every evaluation's window ends at least this far behind now, so events that reach Corral a little late "
          + "(shippers batch) are still counted in the window that covers their timestamp; the window also never ends "
          + "after what is searchable.");
  public static final Setting RECORDING_MAX_SERIES_PER_RULE = new Setting("recording.max_series_per_rule", "1000",
      "Most series (label combinations) one recording rule exports; beyond it a gauge keeps its highest values, a "
          + "counter the series it saw first, and the rule's status says how many were dropped.");
  public static final Setting ALERTS_NOTIFY_TIMEOUT = new Setting("alerts.notify_timeout", "10s",
      "Connect timeout and read timeout of one delivery attempt to an alert channel (HTTP or SMTP).");
  public static final Setting ALERTS_NOTIFY_RETRIES = new Setting("alerts.notify_retries", "3",
      "Attempts after the first when a delivery fails on a timeout, a refused connection, a 5xx or a 429 (never on "
          + "another 4xx), 0..10.");
  public static final Setting ALERTS_NOTIFY_BACKOFF = new Setting("alerts.notify_backoff", "1s",
      "Wait before the first retry of a delivery; it doubles before each next retry, up to 1 minute.");
  public static final Setting ALERTS_NOTIFY_MAX_PER_MINUTE = new Setting("alerts.notify_max_per_minute", "20",
      "Messages one channel sends per minute at most (a burst of that many, then one per 60/N seconds); "
          + "notifications beyond it are grouped into one summary message sent when the channel may send again.");
  public static final Setting ALERTS_NOTIFY_QUEUE = new Setting("alerts.notify_queue", "1000",
      "Notifications one channel holds waiting for delivery; when full, a new one is dropped, counted and logged "
          + "(a channel never blocks the alert evaluation).");
  public static final Setting ALERTS_CHANNELS_RELOAD_INTERVAL = new Setting("alerts.channels_reload_interval", "5s",
      "How often channels.yaml is checked for a change (size, modification time); a change is reloaded once it is the same at two checks in a row, so a file caught while being written is not used.");

  public static final Setting ALERTS_PUBLIC_URL = new Setting("alerts.public_url", "",
      "The server's URL as responders' browsers reach it (https://corral.example.com): the base of the links in alert "
          + "notifications. Empty: http://localhost:<http.port>.");
  public static final Setting ALERTS_RESOLVED_RETENTION = new Setting("alerts.resolved_retention", "24h",
      "How long a resolved alert instance (and an expired silence) stays listed in the alerts API (1m to 30d); its "
          + "history events stay searchable as long as the store keeps them.");

  public static final Setting ALERTS_ENABLED = new Setting("alerts.enabled", "true",
      "Whether alert rules are loaded and evaluated; false leaves the rules service (and its /api/v1/alerts/rules routes) out.");
  public static final Setting ALERTS_DIR = new Setting("alerts.dir", "",
      "Directory of the alert rule files (one rule per top-level *.yaml; channels.yaml holds the channels), read at "
          + "start and again whenever a file changes. Empty: <data.dir>/alerts. See docs/alerting.md and "
          + "docs/alerting-channels.md.");
  public static final Setting ALERTS_RELOAD_INTERVAL = new Setting("alerts.reload_interval", "5s",
      "How often the alerts directory is checked for changed rule files (names, sizes, modification times).");
  public static final Setting ALERTS_MAX_CONCURRENT = new Setting("alerts.max_concurrent", "2",
      "Rule evaluations run at once, on their own threads and query lane, apart from interactive queries.");
  public static final Setting ALERTS_EVAL_TIMEOUT = new Setting("alerts.eval_timeout", "30s",
      "Longest one rule evaluation may run; a longer one is cancelled and recorded as a failed evaluation.");
  public static final Setting ALERTS_MAX_INSTANCES = new Setting("alerts.max_instances", "1000",
      "Most alert instances (satisfying groups) one evaluation reports; beyond it the evaluation says capped=true.");
  public static final Setting ALERTS_LAG = new Setting("alerts.lag", "10s",
      "How far behind now every evaluation window ends at least, for events that reach Corral late; the window also "
          + "never ends after what is searchable (docs/alerting.md, Evaluation guarantees).");

  public static final Setting TLS_CERT = new Setting("tls.cert", "",
      "PEM file with the TLS server certificate (chain, server certificate first) that every TCP listener serves with "
          + "unless its own section names one: the HTTP API then speaks HTTPS only, OTLP/gRPC, GELF TCP and Fluent "
          + "forward speak TLS only on their ports, syslog.tls_port and Beats use it when syslog.tls_* / beats.tls_* "
          + "are unset. Replaced files are picked up without a restart (tls.reload_interval).");
  public static final Setting TLS_KEY = new Setting("tls.key", "",
      "PEM file with the unencrypted PKCS#8 private key of tls.cert (-----BEGIN PRIVATE KEY-----; RSA, EC or Ed25519).");
  public static final Setting TLS_KEYSTORE = new Setting("tls.keystore", "",
      "PKCS#12 file (.p12) with the key and certificate chain, instead of tls.cert and tls.key.");
  public static final Setting TLS_KEYSTORE_PASSWORD = new Setting("tls.keystore_password", "",
      "Password of tls.keystore (and of the key in it).");
  public static final Setting TLS_CLIENT_CA = new Setting("tls.client_ca", "",
      "PEM file of the CA certificate(s) whose client certificates every listener using tls.cert requires: a client "
          + "without one signed by them fails the handshake (mutual TLS). Empty: no client certificate asked for.");
  public static final Setting TLS_PROTOCOLS = Setting.list("tls.protocols", "",
      "TLS versions every TLS listener accepts, a subset of TLSv1.3 and TLSv1.2 (the default, both). Older versions are "
          + "never accepted.");
  public static final Setting TLS_CIPHER_SUITES = Setting.list("tls.cipher_suites", "",
      "Cipher suites every TLS listener accepts, a subset of the default: TLS 1.3's AES-GCM and ChaCha20-Poly1305 "
          + "suites and TLS 1.2's ECDHE with AES-GCM or ChaCha20-Poly1305 (AEAD with forward secrecy only).");
  public static final Setting TLS_RELOAD_INTERVAL = new Setting("tls.reload_interval", "5s",
      "How often a handshake may look at the certificate, key and client CA files for changes; changed files that fit "
          + "serve the next handshakes, ones that do not are logged and the previous certificate stays.");
  public static final Setting AUDIT_ENABLED = new Setting("audit.enabled", "auto",
      "Whether logins, failed logins, key and user changes, every admin request and every search are recorded as "
          + "logtype:audit events, readable only by admins (docs/security.md, Audit log): auto records when "
          + "access control is on (auth.mode keys), true and false always and never.");
  public static final Setting AUDIT_MAX_QUEUED = new Setting("audit.max_queued", "10000",
      "Audit entries waiting to be stored at most (1 to 1000000); when full, a new entry is dropped, counted "
          + "(corral_audit_entries_total{outcome=\"dropped\"}) and logged, and the action it records goes on.");

  public static final Setting STORE_BACKEND = new Setting("store.backend", "lucene",
      "Where events are stored and searched: lucene (the local day partitions under the data directory) or opensearch "
          + "(an OpenSearch cluster, store.opensearch.*: the node keeps only its WAL; docs/scale-out.md).");
  public static final Setting STORE_OPENSEARCH_URLS = Setting.list("store.opensearch.urls", "",
      "List of the cluster's base URLs (http(s)://host:port), tried in order: the next takes over when one cannot be "
          + "reached. Required with store.backend opensearch; never with credentials inside.");
  public static final Setting STORE_OPENSEARCH_USERNAME = new Setting("store.opensearch.username", "",
      "Basic-auth user for the cluster, with store.opensearch.password; empty for a cluster without authentication.");
  public static final Setting STORE_OPENSEARCH_PASSWORD = new Setting("store.opensearch.password", "",
      "Basic-auth password. A secret: never logged nor shown; prefer the environment variable to the file.");
  public static final Setting STORE_OPENSEARCH_CA_FILE = new Setting("store.opensearch.ca_file", "",
      "CA certificate(s) to trust for https URLs: a PEM file, or a PKCS#12/JKS truststore without password; empty "
          + "trusts the JDK's default CAs.");
  public static final Setting STORE_OPENSEARCH_VERIFY_HOSTNAME = new Setting("store.opensearch.verify_hostname", "true",
      "Whether the cluster's certificate must name the host of the URL; false only for clusters addressed by IP with "
          + "certificates that do not list it.");
  public static final Setting STORE_OPENSEARCH_INDEX_PREFIX = new Setting("store.opensearch.index_prefix", "corral",
      "Daily indices are <prefix>-YYYY.MM.DD (UTC); the index template and the lifecycle policy cover <prefix>-*.");
  public static final Setting STORE_OPENSEARCH_SHARDS = new Setting("store.opensearch.shards", "1",
      "Primary shards of each daily index.");
  public static final Setting STORE_OPENSEARCH_REPLICAS = new Setting("store.opensearch.replicas", "0",
      "Replicas of each shard: 0 on one node, 1 or more on a cluster.");
  public static final Setting STORE_OPENSEARCH_MAX_FIELDS = new Setting("store.opensearch.max_fields", "1000",
      "Distinct field names mapped per daily index (like store.max_fields_per_partition); fields of further names go "
          + "under overflow (flat_object): kept and searchable as text, not typed.");
  public static final Setting STORE_OPENSEARCH_BULK_MAX_DOCS = new Setting("store.opensearch.bulk_max_docs", "5000",
      "Most documents in one _bulk request.");
  public static final Setting STORE_OPENSEARCH_BULK_MAX_BYTES = new Setting("store.opensearch.bulk_max_bytes", "5MiB",
      "Most bytes in one _bulk request body (a single larger event goes alone).");
  public static final Setting KAFKA_BOOTSTRAP_SERVERS = Setting.list("kafka.bootstrap_servers", "",
      "host:port of one or more Kafka brokers the Kafka input reads from (docs/scale-out.md, Kafka input). Empty: "
          + "the Kafka input is off. kafka.forward_topic produces to the same cluster.");
  public static final Setting KAFKA_TOPICS = Setting.list("kafka.topics", "",
      "The topics the Kafka input reads; give these or kafka.topic_pattern.");
  public static final Setting KAFKA_TOPIC_PATTERN = new Setting("kafka.topic_pattern", "",
      "A Java regular expression: the Kafka input reads every topic whose whole name matches (new ones too); instead "
          + "of kafka.topics.");
  public static final Setting KAFKA_GROUP_ID = new Setting("kafka.group_id", "corral",
      "The Kafka consumer group: Corral nodes in one group share the partitions, each record is read by one of them.");
  public static final Setting KAFKA_CLIENT_ID = new Setting("kafka.client_id", "",
      "The Kafka consumer's client.id, seen in the broker's logs and quotas. Empty: corral-<host name>.");
  public static final Setting KAFKA_FORMAT = new Setting("kafka.format", "ndjson",
      "How the records of a topic not named in kafka.formats are read: ndjson (each record one JSON event or NDJSON "
          + "lines, what corral ship's Kafka output writes), raw (each line of a record one raw event, with the input's "
          + "default pipeline) or raw:PIPELINE (each line through that pipeline).");
  public static final Setting KAFKA_FORMATS = Setting.list("kafka.formats", "",
      "The format of named topics, as topic=format items (format as in kafka.format), e.g. [nginx-access=raw:nginx].");
  public static final Setting KAFKA_CLIENT = Setting.list("kafka.client", "",
      "Kafka client properties passed through as key=value items (the Kafka input's consumer; the producer of "
          + "kafka.forward_topic takes those that are producer properties), e.g. [security.protocol=SASL_SSL, "
          + "sasl.mechanism=SCRAM-SHA-512, sasl.jaas.config=..., ssl.truststore.location=...]: TLS, SASL and tuning. "
          + "Their values are never logged. Corral sets bootstrap.servers, group.id, client.id, the deserializers and "
          + "enable.auto.commit=false itself; giving those here is an error.");
  public static final Setting KAFKA_FORWARD_TOPIC = new Setting("kafka.forward_topic", "",
      "A topic every event the inputs receive is forwarded to, keyed by service, once it is in the WAL (at least "
          + "once; docs/scale-out.md, Kafka output); needs kafka.bootstrap_servers. Empty: no forwarding.");

  /** All settings, in documentation order. */
  public static final List<Setting> ALL = List.of(HTTP_HOST, HTTP_PORT, HTTP_MAX_BODY_BYTES,
      HTTP_MAX_CONNECTIONS, HTTP_HEADER_TIMEOUT, HTTP_IDLE_TIMEOUT, HTTP_ALLOWED_ORIGINS, HTTP_ALLOWED_HOSTS, DATA_DIR,
      INGEST_MAX_EVENT_BYTES, INGEST_MAX_FIELDS, INGEST_MAX_DEPTH, INGEST_MAX_MESSAGE_BYTES,
      INGEST_MAX_PENDING_EVENTS, INGEST_TARGET_PENDING_EVENTS, INGEST_SERVICE_QUOTAS, INGEST_SERVICE_QUOTA_DEFAULT, INGEST_MAX_PAST, INGEST_MAX_FUTURE, INGEST_ALIASES_FILE, OTLP_GRPC_PORT, BULK_INDEX_AS_SERVICE, SYSLOG_UDP_PORT, SYSLOG_TCP_PORT,
      SYSLOG_TLS_PORT, SYSLOG_TLS_CERT, SYSLOG_TLS_KEY, SYSLOG_TLS_KEYSTORE, SYSLOG_TLS_KEYSTORE_PASSWORD,
      SYSLOG_TLS_CLIENT_CA, SYSLOG_TLS_CLIENT_AUTH, GELF_UDP_PORT, GELF_TCP_PORT, FLUENT_PORT, FLUENT_SHARED_KEY,
      BEATS_PORT, BEATS_TLS_CERT, BEATS_TLS_KEY, BEATS_TLS_CLIENT_CA,
      SOCKETS_MAX_CONNECTIONS, SOCKETS_IDLE_TIMEOUT, INPUTS_ALLOWED_SOURCES, STORAGE_MIN_FREE_BYTES, WAL_SEGMENT_BYTES,
      WAL_RETENTION_MAX_BYTES, WAL_RETENTION_MAX_AGE,
      STORE_INDEXER_THREADS, STORE_RAM_BUFFER, STORE_REFRESH_INTERVAL, STORE_COMMIT_INTERVAL,
      STORE_WARM_AFTER, STORE_COMPACTION_MAX_BYTES_PER_SEC, STORE_MAX_KEYWORD_BYTES, STORE_MAX_OPEN_WRITERS, STORE_MAX_OPEN_READERS,
      STORE_MAX_FIELDS_PER_PARTITION, STORE_RECOVERY_INTERVAL, SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT, SEARCH_TIMEOUT, SEARCH_MAX_CONCURRENT,
      SEARCH_MAX_QUEUED, SEARCH_MAX_GROUPS, SEARCH_MAX_MEMORY,
      SEARCH_EXPENSIVE_QUERY_COST, SEARCH_MAX_QUERY_COST, SEARCH_MAX_CONCURRENT_EXPENSIVE, SEARCH_MAX_QUEUED_EXPENSIVE,
      TAIL_MAX_EVENTS_PER_SECOND, TAIL_MAX_SUBSCRIBERS, TAIL_MAX_PER_CLIENT, TAIL_MAX_REPLAY_EVENTS, AUTH_MODE, AUTH_KEY_EVENTS_PER_SECOND,
      AUTH_KEY_QUERIES_PER_MINUTE, AUTH_SESSION_IDLE_TIMEOUT, AUTH_SESSION_MAX_AGE, RETENTION_MAX_AGE, RETENTION_MAX_BYTES, RETENTION_RULES, RETENTION_INTERVAL,
      ARCHIVE_URL, ARCHIVE_ENDPOINT, ARCHIVE_REGION, ARCHIVE_ACCESS_KEY, ARCHIVE_SECRET_KEY, ARCHIVE_PATH_STYLE, ARCHIVE_AFTER,
      ARCHIVE_LOCAL_MAX_AGE, ARCHIVE_MAX_AGE, ARCHIVE_PART_BYTES, ARCHIVE_CACHE_BYTES,
      BACKUP_URL, BACKUP_ENDPOINT, BACKUP_REGION, BACKUP_ACCESS_KEY, BACKUP_SECRET_KEY, BACKUP_PATH_STYLE,
      BACKUP_OBJECT_BYTES, BACKUP_OBJECT_SECONDS, BACKUP_ERASURE_WAIT,
      PIPELINES_DIR, PIPELINES_GEOIP_DIR, PIPELINES_INPUTS, PIPELINES_BULK_INDICES, PIPELINES_RELOAD_INTERVAL,
      PIPELINES_PREVIEW_EVENTS,
      RECORDING_DIR, RECORDING_RELOAD_INTERVAL, RECORDING_THREADS, RECORDING_TIMEOUT, RECORDING_SEARCHABLE_LAG,
      RECORDING_MAX_SERIES_PER_RULE,
      ALERTS_DIR, ALERTS_NOTIFY_TIMEOUT, ALERTS_NOTIFY_RETRIES, ALERTS_NOTIFY_BACKOFF, ALERTS_NOTIFY_MAX_PER_MINUTE,
      ALERTS_NOTIFY_QUEUE, ALERTS_CHANNELS_RELOAD_INTERVAL, ALERTS_PUBLIC_URL, ALERTS_RESOLVED_RETENTION,
      ALERTS_ENABLED, ALERTS_RELOAD_INTERVAL, ALERTS_MAX_CONCURRENT, ALERTS_EVAL_TIMEOUT, ALERTS_MAX_INSTANCES, ALERTS_LAG,
      TLS_CERT, TLS_KEY, TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD, TLS_CLIENT_CA, TLS_PROTOCOLS, TLS_CIPHER_SUITES,
      TLS_RELOAD_INTERVAL, AUDIT_ENABLED, AUDIT_MAX_QUEUED,
      STORE_BACKEND, STORE_OPENSEARCH_URLS, STORE_OPENSEARCH_USERNAME, STORE_OPENSEARCH_PASSWORD, STORE_OPENSEARCH_CA_FILE,
      STORE_OPENSEARCH_VERIFY_HOSTNAME, STORE_OPENSEARCH_INDEX_PREFIX, STORE_OPENSEARCH_SHARDS, STORE_OPENSEARCH_REPLICAS,
      STORE_OPENSEARCH_MAX_FIELDS, STORE_OPENSEARCH_BULK_MAX_DOCS, STORE_OPENSEARCH_BULK_MAX_BYTES,
      KAFKA_BOOTSTRAP_SERVERS, KAFKA_TOPICS, KAFKA_TOPIC_PATTERN, KAFKA_GROUP_ID, KAFKA_CLIENT_ID, KAFKA_FORMAT,
      KAFKA_FORMATS, KAFKA_CLIENT, KAFKA_FORWARD_TOPIC);

  private static final Map<String, Setting> BY_KEY = index();

  private Settings() {}

  /** The setting with this key, or {@code null}. */
  public static Setting byKey(String key) {
    return BY_KEY.get(key);
  }

  private static Map<String, Setting> index() {
    Map<String, Setting> map = new LinkedHashMap<>();
    for (Setting setting : ALL) {
      map.put(setting.key(), setting);
    }
    return Map.copyOf(map);
  }
}

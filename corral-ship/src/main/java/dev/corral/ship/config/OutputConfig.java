package dev.corral.ship.config;

import dev.corral.ship.tls.ClientTls;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code output:} section: where and how batches are sent, over HTTP ({@code url}) or to a Kafka topic
 * ({@code kafka:}, see {@link KafkaOutputConfig}); one of the two.
 *
 * @param url           the server's base URL ({@code http://127.0.0.1:8080}); the path of the API is added; null
 *                      for the Kafka output
 * @param format        {@code corral} (the native ingest API), {@code elasticsearch} ({@code _bulk}) or
 *                      {@link OutputFormat#KAFKA} (set by the {@code kafka:} section, never written)
 * @param apiKey        {@code id:secret} of an ingest key, or null; sent as {@code Authorization: ApiKey
 *                      base64(id:secret)} which both Corral and Elasticsearch accept
 * @param index         the index named in each {@code _bulk} action line (elasticsearch only)
 * @param batchEvents   a batch is sent once it holds this many events
 * @param batchBytes    ... or this many bytes of event JSON (before gzip)
 * @param flushInterval ... or when its first event has waited this long
 * @param timeout       how long one request may take before it counts as failed (and is retried)
 * @param gzip          whether bodies are sent with {@code Content-Encoding: gzip}
 * @param tls           for an https URL: the CA to trust ({@code tls_ca}) and the client certificate to present
 *                      ({@code tls_cert}, {@code tls_key}); unset: the JDK's trust store, no client certificate
 * @param kafka         the topic and producer properties of the Kafka output, or null for HTTP
 */
public record OutputConfig(URI url, OutputFormat format, String apiKey, String index, int batchEvents, long batchBytes,
    Duration flushInterval, Duration timeout, boolean gzip, ClientTls tls, KafkaOutputConfig kafka) {
  /** Filebeat's {@code bulk_max_size} default is 1600; a few thousand keeps the server's per-request cost low. */
  public static final int DEFAULT_BATCH_EVENTS = 2048;
  /** Well under the server's 32 MiB body limit even for large events, small enough to spool quickly. */
  public static final long DEFAULT_BATCH_BYTES = 4L << 20;
  /** At most this much is added to an event's latency by batching, like Filebeat's 1 s flush. */
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
  /** Corral answers after the WAL fsync and may hold a request up to 5 s for indexing backlog; 30 s is generous. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** A data stream name that Elasticsearch's built-in {@code logs-*-*} template does not claim. */
  public static final String DEFAULT_INDEX = "logs-corral";
  /** The server's body limit is 32 MiB after decompression; a larger batch could never be accepted. */
  static final long MAX_BATCH_BYTES = 32L << 20;
  /** More events per request buy nothing and hold more memory per in-flight batch. */
  static final int MAX_BATCH_EVENTS = 100_000;
  private static final Set<String> KEYS = Set.of("url", "format", "api_key", "index", "batch_events", "batch_bytes",
      "flush_interval", "timeout", "gzip", "tls_ca", "tls_cert", "tls_key", "kafka");
  /** What the Kafka output takes besides its own section: how events are batched and how long a send may take. */
  private static final Set<String> KAFKA_KEYS = Set.of("kafka", "batch_events", "batch_bytes", "flush_interval",
      "timeout");

  public OutputConfig {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(tls, "tls");
    if ((format == OutputFormat.KAFKA) != (kafka != null)) {
      throw new IllegalArgumentException("format " + format + " and the kafka section go together");
    }
    if (kafka == null) {
      Objects.requireNonNull(url, "url");
    }
  }

  /** Where batches go, for logs and the status: the URL, or {@code kafka://<bootstrap servers>/<topic>}. */
  public String target() {
    return kafka == null ? url.toString() : "kafka://" + kafka.bootstrapServers() + "/" + kafka.topic();
  }

  private static ClientTls tls(ConfigNode output, URI url) {
    ClientTls tls;
    try {
      tls = new ClientTls(path(output, "tls_ca"), path(output, "tls_cert"), path(output, "tls_key"),
          output.field("tls_"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    if (tls.configured() && !"https".equals(url.getScheme())) {
      throw new ConfigException(output.field("tls_ca") + " and the client certificate need an https:// url, not "
          + url);
    }
    if (tls.configured()) {
      try {
        tls.context(); // a missing or broken file fails the configuration, not the first send
      } catch (java.io.IOException e) {
        throw new ConfigException(e.getMessage());
      }
    }
    return tls;
  }

  private static Path path(ConfigNode output, String name) {
    String text = output.text(name, null);
    return text == null || text.isBlank() ? null : Path.of(text.strip());
  }

  static OutputConfig from(ConfigNode output) {
    if (output.node() == null) {
      throw new ConfigException("output is missing; at least output: {url: \"http://127.0.0.1:8080\"}");
    }
    output.refuseUnknown(KEYS);
    if (output.get("kafka") != null) {
      return kafka(output);
    }
    String urlText = output.text("url", null);
    if (urlText == null) {
      throw new ConfigException(output.field("url") + " is missing, for example \"http://127.0.0.1:8080\"");
    }
    URI url;
    try {
      url = URI.create(urlText.endsWith("/") ? urlText.substring(0, urlText.length() - 1) : urlText);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(output.field("url") + " is not a URL: " + urlText + " (" + e.getMessage() + ")");
    }
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
      throw new ConfigException(output.field("url") + " must be an http:// or https:// URL with a host, not "
          + urlText);
    }
    String formatText = output.text("format", "corral").toLowerCase(Locale.ROOT);
    OutputFormat format = switch (formatText) {
      case "corral" -> OutputFormat.CORRAL;
      case "elasticsearch", "opensearch" -> OutputFormat.ELASTICSEARCH;
      default -> throw new ConfigException(output.field("format") + " must be corral or elasticsearch, not "
          + formatText);
    };
    String apiKey = output.text("api_key", null);
    if (apiKey != null && !apiKey.contains(":")) {
      throw new ConfigException(output.field("api_key") + " must be id:secret (as `corral keys create` prints it)");
    }
    long batchBytes = output.bytes("batch_bytes", DEFAULT_BATCH_BYTES);
    if (batchBytes > MAX_BATCH_BYTES) {
      throw new ConfigException(output.field("batch_bytes") + " is " + batchBytes + ", over the limit of "
          + MAX_BATCH_BYTES + " (the server's body limit)");
    }
    return new OutputConfig(url, format, apiKey, output.text("index", DEFAULT_INDEX),
        output.positiveInt("batch_events", DEFAULT_BATCH_EVENTS, MAX_BATCH_EVENTS), batchBytes,
        output.duration("flush_interval", DEFAULT_FLUSH_INTERVAL), output.duration("timeout", DEFAULT_TIMEOUT),
        output.bool("gzip", true), tls(output, url), null);
  }

  private static OutputConfig kafka(ConfigNode output) {
    for (String key : KEYS) {
      if (!KAFKA_KEYS.contains(key) && output.get(key) != null) {
        throw new ConfigException(output.field(key) + " is for an HTTP output; with " + output.field("kafka")
            + " events go to a Kafka topic (remove one of the two)");
      }
    }
    KafkaOutputConfig kafka = KafkaOutputConfig.from(output.child("kafka"));
    return new OutputConfig(null, OutputFormat.KAFKA, null, DEFAULT_INDEX,
        output.positiveInt("batch_events", DEFAULT_BATCH_EVENTS, MAX_BATCH_EVENTS),
        Math.min(output.bytes("batch_bytes", DEFAULT_BATCH_BYTES), MAX_BATCH_BYTES),
        output.duration("flush_interval", DEFAULT_FLUSH_INTERVAL), output.duration("timeout", DEFAULT_TIMEOUT), false,
        new ClientTls(null, null, null, output.field("tls_")), kafka);
  }
}

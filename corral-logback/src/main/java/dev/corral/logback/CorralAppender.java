package dev.corral.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.corral.client.ClientConfig;
import dev.corral.client.ClientStats;
import dev.corral.client.CorralClient;
import dev.corral.client.DropPolicy;
import dev.corral.client.DurationText;
import dev.corral.client.Origin;
import java.net.URI;
import java.nio.file.Path;

/**
 * Sends events to Corral's ingest API without ever blocking the logging thread: {@code append} turns the
 * event into Corral's canonical event and puts it in a bounded queue; a background thread batches, gzips,
 * posts and retries (see {@link dev.corral.client.CorralClient}). When the queue is full, events are dropped by
 * {@code dropPolicy} and counted; a WARN event reports the count once Corral answers again.
 *
 * <pre>{@code
 * <appender name="CORRAL" class="dev.corral.logback.CorralAppender">
 *   <url>http://corral.internal:8080</url>
 *   <service>checkout</service>
 *   <apiKey>${CORRAL_API_KEY}</apiKey>
 * </appender>
 * }</pre>
 * Properties: {@code url} and {@code service} (required), {@code apiKey}, {@code environment}, {@code version},
 * {@code host}, {@code queueSize}, {@code dropPolicy} ({@code drop_debug_first} or {@code drop_newest}),
 * {@code batchSize}, {@code flushInterval}, {@code spillDirectory}, {@code spillMaxBytes},
 * {@code shutdownTimeout}; defaults in {@link ClientConfig}. Problems (Corral unreachable, a refused batch) go
 * to Logback's status messages, never to a logger.
 */
public class CorralAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private final OriginProperties origin = new OriginProperties();
  private String url;
  private String apiKey;
  private int queueSize = ClientConfig.DEFAULT_QUEUE_SIZE;
  private String dropPolicy = "drop_debug_first";
  private int batchSize = ClientConfig.DEFAULT_BATCH_SIZE;
  private String flushInterval = ClientConfig.DEFAULT_FLUSH_INTERVAL.toMillis() + "ms";
  private String spillDirectory;
  private long spillMaxBytes = ClientConfig.DEFAULT_SPILL_MAX_BYTES;
  private String shutdownTimeout = ClientConfig.DEFAULT_SHUTDOWN_TIMEOUT.toMillis() + "ms";
  private volatile Origin started;
  private volatile CorralClient client;

  @Override
  public void start() {
    if (url == null || url.isBlank()) {
      addError("CorralAppender '" + getName() + "' needs <url>, Corral's address such as http://127.0.0.1:8080");
      return;
    }
    if (origin.service() == null) {
      addError("CorralAppender '" + getName() + "' needs <service>, the name Corral groups these logs under");
      return;
    }
    ClientConfig config;
    try {
      config = new ClientConfig(URI.create(url.trim()), apiKey, queueSize, DropPolicy.parse(dropPolicy), batchSize,
          DurationText.parse("flushInterval", flushInterval),
          spillDirectory == null || spillDirectory.isBlank() ? null : Path.of(spillDirectory.trim()), spillMaxBytes,
          DurationText.parse("shutdownTimeout", shutdownTimeout));
    } catch (IllegalArgumentException e) {
      addError("CorralAppender '" + getName() + "': " + e.getMessage());
      return;
    }
    started = origin.origin();
    client = CorralClient.start(config, started, this::addWarn);
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (!client.dropIfFull(event.getLevel().toString())) {
      client.offer(CanonicalEvents.of(event, started));
    }
  }

  /** Delivers what is queued within {@code shutdownTimeout}, then stops. */
  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    client.close();
  }

  /** What happened to the events so far (null before {@code start}). */
  public ClientStats stats() {
    CorralClient current = client;
    return current == null ? null : current.stats();
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public void setService(String service) {
    origin.setService(service);
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  public void setEnvironment(String environment) {
    origin.setEnvironment(environment);
  }

  public void setVersion(String version) {
    origin.setVersion(version);
  }

  public void setHost(String host) {
    origin.setHost(host);
  }

  public void setQueueSize(int queueSize) {
    this.queueSize = queueSize;
  }

  public void setDropPolicy(String dropPolicy) {
    this.dropPolicy = dropPolicy;
  }

  public void setBatchSize(int batchSize) {
    this.batchSize = batchSize;
  }

  public void setFlushInterval(String flushInterval) {
    this.flushInterval = flushInterval;
  }

  public void setSpillDirectory(String spillDirectory) {
    this.spillDirectory = spillDirectory;
  }

  public void setSpillMaxBytes(long spillMaxBytes) {
    this.spillMaxBytes = spillMaxBytes;
  }

  public void setShutdownTimeout(String shutdownTimeout) {
    this.shutdownTimeout = shutdownTimeout;
  }
}

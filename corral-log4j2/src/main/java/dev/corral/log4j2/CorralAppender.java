package dev.corral.log4j2;

import dev.corral.client.ClientConfig;
import dev.corral.client.ClientStats;
import dev.corral.client.CorralClient;
import dev.corral.client.DropPolicy;
import dev.corral.client.DurationText;
import dev.corral.client.Origin;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;
import org.apache.logging.log4j.core.config.plugins.validation.constraints.Required;

/**
 * The Log4j 2 plugin {@code <Corral>}: sends events to Corral's ingest API without ever blocking the logging
 * thread. {@code append} turns the event into Corral's canonical event and puts it in a bounded queue; a
 * background thread batches, gzips, posts and retries (see {@link dev.corral.client.CorralClient}). When the
 * queue is full, events are dropped by {@code dropPolicy} and counted; a WARN event reports the count once Corral
 * answers again.
 *
 * <pre>{@code
 * <Corral name="corral" url="http://corral.internal:8080" service="checkout" apiKey="${env:CORRAL_API_KEY}"/>
 * }</pre>
 * Attributes: {@code url} and {@code service} (required), {@code apiKey}, {@code environment}, {@code version},
 * {@code host}, {@code queueSize}, {@code dropPolicy} ({@code drop_debug_first} or {@code drop_newest}),
 * {@code batchSize}, {@code flushInterval}, {@code spillDirectory}, {@code spillMaxBytes},
 * {@code shutdownTimeout}; defaults in {@link ClientConfig}. No layout: the canonical JSON is the format.
 * Problems (Corral unreachable, a refused batch) go to Log4j's status logger, never to a logger.
 */
@Plugin(name = "Corral", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class CorralAppender extends AbstractAppender {
  private final ClientConfig config;
  private final Origin origin;
  private volatile CorralClient client;

  private CorralAppender(String name, Filter filter, ClientConfig config, Origin origin) {
    super(name, filter, null, true, Property.EMPTY_ARRAY);
    this.config = config;
    this.origin = origin;
  }

  @PluginBuilderFactory
  public static Builder newBuilder() {
    return new Builder();
  }

  @Override
  public void start() {
    client = CorralClient.start(config, origin, message -> LOGGER.warn("{}", message));
    super.start();
  }

  @Override
  public void append(LogEvent event) {
    if (!client.dropIfFull(event.getLevel().name())) {
      client.offer(CanonicalEvents.of(event, origin));
    }
  }

  /**
   * Delivers what is queued within the appender's {@code shutdownTimeout}, then stops. Log4j's own stop timeout
   * ({@code shutdownTimeout} of the configuration, 0 by default: no limit) is not used: the appender's limit is the
   * one its users set for it.
   */
  @Override
  public boolean stop(long timeout, TimeUnit timeUnit) {
    setStopping();
    CorralClient current = client;
    if (current != null) {
      current.close();
    }
    setStopped();
    return true;
  }

  /** What happened to the events so far (null before {@code start}). */
  public ClientStats stats() {
    CorralClient current = client;
    return current == null ? null : current.stats();
  }

  /** The attributes of {@code <Corral>}, set by Log4j's configuration. */
  public static final class Builder implements org.apache.logging.log4j.core.util.Builder<CorralAppender> {
    @PluginBuilderAttribute @Required(message = "<Corral> needs a name") private String name;
    @PluginBuilderAttribute @Required(message = "<Corral> needs url, Corral's address such as http://127.0.0.1:8080")
    private String url;
    @PluginBuilderAttribute @Required(message = "<Corral> needs service, the name Corral groups these logs under")
    private String service;
    @PluginBuilderAttribute(sensitive = true) private String apiKey;
    @PluginBuilderAttribute private String environment;
    @PluginBuilderAttribute private String version;
    @PluginBuilderAttribute private String host;
    @PluginBuilderAttribute private int queueSize = ClientConfig.DEFAULT_QUEUE_SIZE;
    @PluginBuilderAttribute private String dropPolicy = "drop_debug_first";
    @PluginBuilderAttribute private int batchSize = ClientConfig.DEFAULT_BATCH_SIZE;
    @PluginBuilderAttribute private String flushInterval = ClientConfig.DEFAULT_FLUSH_INTERVAL.toMillis() + "ms";
    @PluginBuilderAttribute private String spillDirectory;
    @PluginBuilderAttribute private long spillMaxBytes = ClientConfig.DEFAULT_SPILL_MAX_BYTES;
    @PluginBuilderAttribute private String shutdownTimeout = ClientConfig.DEFAULT_SHUTDOWN_TIMEOUT.toMillis() + "ms";
    @org.apache.logging.log4j.core.config.plugins.PluginElement("Filter") private Filter filter;

    public Builder setName(String name) {
      this.name = name;
      return this;
    }

    public Builder setUrl(String url) {
      this.url = url;
      return this;
    }

    public Builder setService(String service) {
      this.service = service;
      return this;
    }

    public Builder setApiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    public Builder setEnvironment(String environment) {
      this.environment = environment;
      return this;
    }

    public Builder setVersion(String version) {
      this.version = version;
      return this;
    }

    public Builder setHost(String host) {
      this.host = host;
      return this;
    }

    public Builder setQueueSize(int queueSize) {
      this.queueSize = queueSize;
      return this;
    }

    public Builder setDropPolicy(String dropPolicy) {
      this.dropPolicy = dropPolicy;
      return this;
    }

    public Builder setBatchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder setFlushInterval(String flushInterval) {
      this.flushInterval = flushInterval;
      return this;
    }

    public Builder setSpillDirectory(String spillDirectory) {
      this.spillDirectory = spillDirectory;
      return this;
    }

    public Builder setSpillMaxBytes(long spillMaxBytes) {
      this.spillMaxBytes = spillMaxBytes;
      return this;
    }

    public Builder setShutdownTimeout(String shutdownTimeout) {
      this.shutdownTimeout = shutdownTimeout;
      return this;
    }

    public Builder setFilter(Filter filter) {
      this.filter = filter;
      return this;
    }

    @Override
    public CorralAppender build() {
      try {
        ClientConfig config = new ClientConfig(URI.create(url.trim()), apiKey, queueSize, DropPolicy.parse(dropPolicy),
            batchSize, DurationText.parse("flushInterval", flushInterval),
            spillDirectory == null || spillDirectory.isBlank() ? null : Path.of(spillDirectory.trim()), spillMaxBytes,
            DurationText.parse("shutdownTimeout", shutdownTimeout));
        return new CorralAppender(name, filter, config, OriginAttributes.origin(service, environment, version, host));
      } catch (IllegalArgumentException e) {
        LOGGER.error("<Corral name=\"{}\">: {}", name, e.getMessage());
        return null;
      }
    }
  }
}

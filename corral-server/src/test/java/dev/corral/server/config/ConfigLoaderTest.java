package dev.corral.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.store.search.QueryRequest;
import dev.corral.model.normalize.DecodeLimits;
import dev.corral.store.StoreConfig;
import dev.corral.wal.WalConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  @Test
  void defaultsNeedNoConfiguration() {
    ServerConfig config = ServerConfig.from(ConfigLoader.load(null, Map.of(), Map.of()));
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.maxBodyBytes()).isEqualTo(32L << 20);
    assertThat(config.store().refreshInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.store().indexerThreads())
        .isEqualTo(Math.min(StoreConfig.MAX_INDEXER_THREADS, Runtime.getRuntime().availableProcessors()));
    assertThat(config.ingest().backlog().targetPendingEvents()).isEqualTo(5_000);
    assertThat(config.ingest().backlog().maxPendingEvents()).isEqualTo(100_000);
  }

  @Test
  void defaultsAreTheOnesOfTheComponentsThatUseThem() {
    ServerConfig config = ServerConfig.from(ConfigLoader.load(null, Map.of(), Map.of()));
    StoreConfig store = StoreConfig.defaults(Path.of("partitions"));
    assertThat(config.store().storeConfig(store.directory(), store.checkpointListener()))
        .isEqualTo(store);
    assertThat(config.decodeLimits()).isEqualTo(DecodeLimits.DEFAULTS);
    assertThat(config.wal().segmentBytes()).isEqualTo(WalConfig.DEFAULT_SEGMENT_BYTES);
  }

  @Test
  void sizesAndDurationsWrittenAsConfigurationReadBackTheSame() {
    for (long bytes : new long[] {0, 1000, 1024, 100 * 1024, 64L << 20, 20L << 20, 3L << 30, (1L << 20) + 1}) {
      assertThat(ByteSize.parse(ByteSize.format(bytes))).as(ByteSize.format(bytes)).isEqualTo(bytes);
    }
    assertThat(ByteSize.format(64L << 20)).isEqualTo("64MiB");
    assertThat(DurationText.format(Duration.ofMillis(500))).isEqualTo("500ms");
    assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(DurationText.format(Duration.ofHours(1))).isEqualTo("1h");
    assertThat(DurationText.format(Duration.ofDays(2))).isEqualTo("2d");
    assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0");
  }

  @Test
  void aBareZeroDurationIsZeroOnlyWhereZeroIsAllowed() {
    ServerConfig zeros = ServerConfig.from(ConfigLoader.load(null, Map.of(),
        Map.of("wal.retention_max_age", "0", "ingest.max_past", " 0 ", "ingest.max_future", "0")));
    assertThat(zeros.wal().retention().maxAge()).isZero();
    assertThat(zeros.ingest().window().maxPast()).isZero();
    assertThat(zeros.ingest().window().maxFuture()).isZero();
    assertThatThrownBy(() -> ServerConfig.from(ConfigLoader.load(null, Map.of(), Map.of("store.refresh_interval", "0"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("store.refresh_interval");
  }

  @Test
  void indexerThreadsAreBoundedByTheStoreAndAllCoresIsCappedThere() {
    assertThat(StoreConfig.indexerThreadsForCores(128)).isEqualTo(StoreConfig.MAX_INDEXER_THREADS);
    assertThat(StoreConfig.indexerThreadsForCores(3)).isEqualTo(3);
    assertThat(ServerConfig.from(ConfigLoader.load(null, Map.of(),
        Map.of("store.indexer_threads", Integer.toString(StoreConfig.MAX_INDEXER_THREADS)))).store().indexerThreads())
        .isEqualTo(StoreConfig.MAX_INDEXER_THREADS);
    assertThatThrownBy(() -> ServerConfig.from(ConfigLoader.load(null, Map.of(),
        Map.of("store.indexer_threads", Integer.toString(StoreConfig.MAX_INDEXER_THREADS + 1)))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("store.indexer_threads")
        .hasMessageContaining("0.." + StoreConfig.MAX_INDEXER_THREADS);
  }

  @Test
  void searchLimitsAreBoundedByWhatAQueryAccepts() {
    ServerConfig highest = ServerConfig.from(ConfigLoader.load(null, Map.of(),
        Map.of("search.max_limit", Integer.toString(QueryRequest.MAX_LIMIT))));
    assertThat(highest.search().maxLimit()).isEqualTo(QueryRequest.MAX_LIMIT);
    assertThatThrownBy(() -> ServerConfig.from(ConfigLoader.load(null, Map.of(),
        Map.of("search.max_limit", Integer.toString(QueryRequest.MAX_LIMIT + 1)))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("search.max_limit")
        .hasMessageContaining("1.." + QueryRequest.MAX_LIMIT);
    assertThatThrownBy(() -> ServerConfig.from(ConfigLoader.load(null, Map.of(),
        Map.of("search.default_limit", Integer.toString(QueryRequest.MAX_LIMIT + 1)))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("search.default_limit")
        .hasMessageContaining("0.." + QueryRequest.MAX_LIMIT);
  }

  @Test
  void aBacklogTargetAboveTheMaximumIsRefused() {
    assertThatThrownBy(() -> ServerConfig.from(ConfigLoader.load(null, Map.of(),
        Map.of("ingest.target_pending_events", "5000", "ingest.max_pending_events", "2000"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.target_pending_events")
        .hasMessageContaining("ingest.max_pending_events");
  }

  @Test
  void anExpensiveThresholdAboveTheCostLimitIsRefused() {
    assertThat(ServerConfig.from(ConfigLoader.load(null, Map.of(), Map.of())).search().cost())
        .isEqualTo(new dev.corral.server.search.QueryCostLimits(1000, 250_000, 1, 8));
    assertThatThrownBy(() -> ServerConfig.from(ConfigLoader.load(null, Map.of(),
        Map.of("search.expensive_query_cost", "5000", "search.max_query_cost", "2000"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("search.expensive_query_cost (5000)")
        .hasMessageContaining("search.max_query_cost (2000)");
  }

  @Test
  void fileThenEnvironmentThenFlagsOverride() throws Exception {
    Path file = dir.resolve("corral.yaml");
    Files.writeString(file, """
        http:
          port: 9000
          max_body_bytes: 8MiB
        store:
          commit_interval: 30s
        data:
          dir: /srv/corral
        """);
    ConfigValues values = ConfigLoader.load(file, Map.of("CORRAL_HTTP_PORT", "9100", "CORRAL_DATA_DIR", "/env/data"),
        Map.of("data.dir", "/flag/data"));
    ServerConfig config = ServerConfig.from(values);
    assertThat(config.http().port()).isEqualTo(9100);
    assertThat(config.maxBodyBytes()).isEqualTo(8L << 20);
    assertThat(config.store().commitInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.dataDir()).isEqualTo(Path.of("/flag/data"));
    assertThat(values.source(Settings.HTTP_PORT)).isEqualTo("environment CORRAL_HTTP_PORT");
  }

  @Test
  void unknownKeyIsRefusedWithTheNearestKnownOne() throws Exception {
    Path file = dir.resolve("corral.yaml");
    Files.writeString(file, "htp:\n  port: 9000\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("htp.port").hasMessageContaining("http.port");
  }

  @Test
  void aSectionWithEveryKeyCommentedOutSetsNothing() throws Exception {
    Path file = dir.resolve("corral.yaml");
    Files.writeString(file, "http:\n  #port: 9000\nstore:\n  commit_interval: 30s\n");
    ConfigValues values = ConfigLoader.load(file, Map.of(), Map.of());
    assertThat(values.source(Settings.HTTP_PORT)).isEqualTo("default");
    assertThat(values.text(Settings.STORE_COMMIT_INTERVAL)).isEqualTo("30s");

    Files.writeString(file, "htp:\n  #port: 9000\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'htp'");
  }

  @Test
  void invalidValueNamesKeyValueAndSource() {
    assertThatThrownBy(() -> ServerConfig.from(ConfigLoader.load(null, Map.of("CORRAL_HTTP_PORT", "eighty"), Map.of())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http.port").hasMessageContaining("eighty")
        .hasMessageContaining("CORRAL_HTTP_PORT");
    assertThatThrownBy(() -> ServerConfig.from(ConfigLoader.load(null, Map.of(), Map.of("http.max_body_bytes", "12 parsecs"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http.max_body_bytes");
  }

  @Test
  void malformedYamlIsAClearError() throws Exception {
    Path file = dir.resolve("corral.yaml");
    Files.writeString(file, "http: [port: 1\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining(file.toString());
  }

  @Test
  void everySettingIsDocumentedWithItsDefault() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
    for (Setting setting : Settings.ALL) {
      String expectedDefault = setting.defaultValue().isEmpty() ? "(none)" : setting.defaultValue();
      assertThat(doc).as("docs/configuration.md documents %s", setting.key())
          .contains("| `" + setting.key() + "` | `" + expectedDefault + "` | `" + setting.environmentVariable() + "` |");
    }
  }

  @Test
  void byteSizesReadUnits() {
    assertThat(ByteSize.parse("512")).isEqualTo(512);
    assertThat(ByteSize.parse("64MiB")).isEqualTo(64L << 20);
    assertThat(ByteSize.parse("1 GB")).isEqualTo(1_000_000_000L);
    assertThatThrownBy(() -> ByteSize.parse("lots")).hasMessageContaining("lots");
  }

  /** A list-of-maps setting of these tests' own, whose entries are free mappings. */
  private static final Setting RULES = Setting.maps("test.rules", "Rules, each a mapping.");
  private static final List<Setting> WITH_RULES = List.of(Settings.HTTP_PORT, Settings.HTTP_ALLOWED_HOSTS, RULES);

  @Test
  void aListSettingTakesAYamlListOrCommaSeparatedText() throws Exception {
    Path file = yaml("""
        http:
          allowed_hosts:
            - logs.example.com
            - " corral.internal "
            - ""
          allowed_origins: https://a.example, https://b.example
        """);
    HttpConfig fromFile = ServerConfig.from(ConfigLoader.load(file, Map.of(), Map.of())).http();
    assertThat(fromFile.allowedHosts()).containsExactly("logs.example.com", "corral.internal");
    assertThat(fromFile.allowedOrigins()).containsExactly("https://a.example", "https://b.example");

    HttpConfig fromEnvironment = ServerConfig.from(ConfigLoader.load(file,
        Map.of("CORRAL_HTTP_ALLOWED_HOSTS", "env.example,, other.example"), Map.of())).http();
    assertThat(fromEnvironment.allowedHosts()).containsExactly("env.example", "other.example");

    HttpConfig fromFlag = ServerConfig.from(ConfigLoader.load(file, Map.of(),
        Map.of("http.allowed_origins", "https://flag.example,http://ops.example"))).http();
    assertThat(fromFlag.allowedOrigins()).containsExactly("https://flag.example", "http://ops.example");
    assertThat(ServerConfig.from(ConfigLoader.load(null, Map.of(), Map.of())).http().allowedHosts()).isEmpty();
  }

  @Test
  void aListOfMapsIsReadInOrderWithItsKeys() throws Exception {
    Path file = yaml("""
        test:
          rules:
            - service: checkout
              keep: 30d
            - service: "*"
              keep: 7
              archive: true
        """);
    ConfigValues values = ConfigLoader.load(WITH_RULES, file, Map.of(), Map.of());
    assertThat(values.maps(RULES)).containsExactly(Map.of("service", "checkout", "keep", "30d"),
        Map.of("service", "*", "keep", "7", "archive", "true"));
    assertThat(values.maps(RULES).get(1).keySet()).containsExactly("service", "keep", "archive");
    assertThat(values.source(RULES)).isEqualTo(file.toString());
    assertThat(ConfigLoader.load(WITH_RULES, null, Map.of(), Map.of()).maps(RULES)).isEmpty();
  }

  @Test
  void aValueOfTheWrongShapeNamesTheKeyWhatWasExpectedAndTheSource() throws Exception {
    assertRefused(yaml("http:\n  allowed_hosts:\n    a: b\n"),
        "setting http.allowed_hosts in ", "must be a list of values, not a mapping");
    assertRefused(yaml("http:\n  allowed_hosts: [a.example, {b: c}]\n"),
        "setting http.allowed_hosts in ", "item 2 must be a single value, not a mapping");
    assertRefused(yaml("http:\n  port: [8080, 8081]\n"), "setting http.port in ", "must be a single value, not a list");
    assertRefused(yaml("http:\n  port:\n    number: 8080\n"), "setting http.port in ", "must be a single value, not a mapping");
    assertRefused(yaml("test:\n  rules: keep everything\n"),
        "setting test.rules in ", "must be a list of mappings (key: value), not a single value");
    assertRefused(yaml("test:\n  rules: [keep]\n"), "setting test.rules in ", "item 1 must be a mapping (key: value), not a single value");
    assertRefused(yaml("test:\n  rules:\n    - match: [a, b]\n"),
        "setting test.rules in ", "item 1 key 'match' must be a single value, not a list");
    assertThatThrownBy(() -> ConfigLoader.load(WITH_RULES, null, Map.of("CORRAL_TEST_RULES", "keep=7d"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("test.rules")
        .hasMessageContaining("environment CORRAL_TEST_RULES").hasMessageContaining("must be a list of mappings")
        .hasMessageContaining("only the config file");
    assertThatThrownBy(() -> ConfigLoader.load(WITH_RULES, null, Map.of(), Map.of("test.rules", "keep=7d")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("test.rules (from command line)")
        .hasMessageContaining("must be a list of mappings");
  }

  private void assertRefused(Path file, String start, String problem) {
    assertThatThrownBy(() -> ConfigLoader.load(WITH_RULES, file, Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining(start + file).hasMessageContaining(problem);
  }

  private Path yaml(String text) throws Exception {
    Path file = Files.createTempFile(dir, "corral", ".yaml");
    Files.writeString(file, text);
    return file;
  }
}

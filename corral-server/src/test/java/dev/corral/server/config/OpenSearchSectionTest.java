package dev.corral.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenSearchSectionTest {
  private static OpenSearchSection section(Map<String, String> settings) {
    return OpenSearchSection.from(ConfigLoader.load(null, Map.of(), settings));
  }

  @Test
  void theLocalStoreIsTheDefault() {
    OpenSearchSection section = section(Map.of());
    assertThat(section.enabled()).isFalse();
    assertThat(section.indexPrefix()).isEqualTo("corral");
    assertThat(section.shards()).isEqualTo(1);
    assertThat(section.replicas()).isZero();
    assertThat(section.maxFields()).isEqualTo(1000);
    assertThat(section.bulkMaxBytes()).isEqualTo(5L << 20);
  }

  @Test
  void openSearchReadsItsUrlsInOrder() {
    OpenSearchSection section = section(Map.of("store.backend", "opensearch",
        "store.opensearch.urls", "https://os1:9200/, https://os2:9200", "store.opensearch.ca_file", "/etc/corral/ca.pem",
        "store.opensearch.username", "corral", "store.opensearch.password", "s3cret-pw"));
    assertThat(section.enabled()).isTrue();
    assertThat(section.urls()).containsExactly(URI.create("https://os1:9200"), URI.create("https://os2:9200"));
    assertThat(section.verifyHostname()).isTrue();
    assertThat(section.toString()).doesNotContain("s3cret-pw");
  }

  @Test
  void openSearchWithoutUrlsIsRefused() {
    assertThatThrownBy(() -> section(Map.of("store.backend", "opensearch")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("store.opensearch.urls");
    assertThatThrownBy(() -> section(Map.of("store.backend", "elastic")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'elastic'").hasMessageContaining("lucene or opensearch");
  }

  @Test
  void aKeywordLimitOverWhatOpenSearchCanIndexIsRefusedAtStartNotAtTheFirstDay() {
    assertThatThrownBy(() -> section(Map.of("store.backend", "opensearch", "store.opensearch.urls", "http://os1:9200",
        "store.max_keyword_bytes", "16KiB")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("store.max_keyword_bytes").hasMessageContaining("10922");
    assertThat(section(Map.of("store.max_keyword_bytes", "16KiB")).enabled()).isFalse();
  }

  @Test
  void credentialsInAUrlAreRefusedWithoutRepeatingThem() {
    assertThatThrownBy(() -> section(Map.of("store.backend", "opensearch",
        "store.opensearch.urls", "http://corral:s3cret-pw@os1:9200")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("store.opensearch.username")
        .hasMessageNotContaining("s3cret-pw");
    assertThatThrownBy(() -> section(Map.of("store.opensearch.username", "corral")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("go together");
  }
}

package dev.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleOutModeTest {
  @Test
  void theDefaultsAddNoColumnBesidesThePlainCorral() {
    assertThat(ScaleOutMode.beyondPlain(List.of("http"), List.of("lucene"))).isEmpty();
  }

  @Test
  void everyPathAndStoreCombinationButThePlainOneIsAColumnInTheOrderGiven() {
    List<ScaleOutMode> modes = ScaleOutMode.beyondPlain(List.of("http", "kafka"), List.of("lucene", "opensearch"));

    assertThat(modes).extracting(ScaleOutMode::peerName)
        .containsExactly("corral+opensearch", "corral via kafka", "corral+opensearch via kafka");
    assertThat(modes).extracting(ScaleOutMode::fileName)
        .containsExactly("http-opensearch", "kafka-lucene", "kafka-opensearch");
  }

  @Test
  void aRepeatedValueMakesOneColumn() {
    assertThat(ScaleOutMode.beyondPlain(List.of("kafka", "kafka"), List.of("opensearch"))).hasSize(1);
  }

  @Test
  void anUnknownPathOrStoreNamesTheOptionAndTheChoices() {
    assertThatThrownBy(() -> ScaleOutMode.beyondPlain(List.of("grpc"), List.of("lucene")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--via: unknown path grpc (http, kafka)");
    assertThatThrownBy(() -> ScaleOutMode.beyondPlain(List.of("http"), List.of("s3")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--store: unknown store s3 (lucene, opensearch)");
  }
}

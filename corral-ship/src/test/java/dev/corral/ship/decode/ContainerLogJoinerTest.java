package dev.corral.ship.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ContainerLogJoinerTest {
  @Test
  void criPartialLinesAreJoinedUntilTheFullOne() {
    ContainerLogJoiner joiner = new ContainerLogJoiner(1 << 20);
    assertThat(joiner.accept("2026-01-01T00:00:00.123456789Z stdout P first ")).isNull();
    assertThat(joiner.hasPending()).isTrue();
    assertThat(joiner.accept("2026-01-01T00:00:00.223456789Z stdout P second ")).isNull();
    assertThat(joiner.accept("2026-01-01T00:00:00.323456789Z stdout F third"))
        .isEqualTo(new ContainerLogLine("first second third", "stdout", "2026-01-01T00:00:00.323456789Z", false));
    assertThat(joiner.accept("2026-01-01T00:00:01Z stderr F {\"level\":\"error\"}"))
        .isEqualTo(new ContainerLogLine("{\"level\":\"error\"}", "stderr", "2026-01-01T00:00:01Z", false));
    assertThat(joiner.accept("2026-01-01T00:00:01Z stdout F ")).extracting(ContainerLogLine::message).isEqualTo("");
  }

  @Test
  void dockerJsonPiecesAreJoinedUntilOneEndsWithANewline() {
    ContainerLogJoiner joiner = new ContainerLogJoiner(1 << 20);
    assertThat(joiner.accept("{\"log\":\"part one \",\"stream\":\"stdout\",\"time\":\"2026-01-01T00:00:00.1Z\"}")).isNull();
    assertThat(joiner.accept("{\"log\":\"part two\\n\",\"stream\":\"stdout\",\"time\":\"2026-01-01T00:00:00.2Z\"}"))
        .isEqualTo(new ContainerLogLine("part one part two", "stdout", "2026-01-01T00:00:00.2Z", false));
    assertThat(joiner.accept("{\"log\":\"{\\\"a\\\":1}\\r\\n\",\"stream\":\"stderr\",\"time\":\"t\"}"))
        .isEqualTo(new ContainerLogLine("{\"a\":1}", "stderr", "t", false));
  }

  @Test
  void joinedPiecesPastTheLimitAreCutAndFlagged() {
    ContainerLogJoiner joiner = new ContainerLogJoiner(10);
    joiner.accept("2026-01-01T00:00:00Z stdout P 12345678");
    ContainerLogLine line = joiner.accept("2026-01-01T00:00:00Z stdout F 90abc");
    assertThat(line.message()).isEqualTo("1234567890");
    assertThat(line.truncated()).isTrue();
  }

  @Test
  void unframedLinesPassAsTheyAre() {
    ContainerLogJoiner joiner = new ContainerLogJoiner(100);
    assertThat(joiner.accept("plain text line")).isEqualTo(new ContainerLogLine("plain text line", null, null, false));
    assertThat(joiner.accept("{\"not\":\"docker\"}")).isEqualTo(new ContainerLogLine("{\"not\":\"docker\"}", null, null, false));
  }

  @Test
  void kubeletFileNamesGivePodNamespaceContainerAndId() {
    String id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    assertThat(ContainerFileName.of(Path.of("/var/log/containers/checkout-7d9f-x2k_shop_app-server-" + id + ".log")))
        .contains(new ContainerFileName("checkout-7d9f-x2k", "shop", "app-server", id));
    assertThat(ContainerFileName.of(Path.of("/var/log/app.log"))).isEmpty();
  }
}

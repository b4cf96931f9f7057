package dev.corral.server.inputs.gelf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SurrogateRepairTest {
  @Test
  void logstashGelfsMangledLowSurrogateIsPutBackTogether() {
    assertThat(SurrogateRepair.repair("go \uD83D\uF680 now")).isEqualTo("go 🚀 now");
    assertThat(SurrogateRepair.repair("\uD83D\uDE00\uD83D\uF600")).isEqualTo("😀😀");
  }

  @Test
  void validTextIsReturnedAsIs() {
    String text = "Grüße 世界 🚀";
    assertThat(SurrogateRepair.repair(text)).isSameAs(text);
  }

  @Test
  void otherUnpairedSurrogatesBecomeReplacementCharacters() {
    assertThat(SurrogateRepair.repair("a\uD83Db")).isEqualTo("a\uFFFDb");
    assertThat(SurrogateRepair.repair("a\uDE80")).isEqualTo("a\uFFFD");
    assertThat(SurrogateRepair.repair("end\uD83D")).isEqualTo("end\uFFFD");
  }
}

package dev.corral.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldsBuilderTest {
  @Test
  void manyFieldsKeepOrderReplaceAndRemoveLikeFewFields() {
    Fields.Builder builder = Fields.builder(4);
    for (int i = 0; i < 100; i++) {
      builder.put("f" + i, (long) i);
    }
    builder.put("f50", "replaced");
    assertThat(builder.remove("f10")).isEqualTo(10L);
    builder.put("f10", "again");
    assertThat(builder.get("f50")).isEqualTo("replaced");
    assertThat(builder.get("f99")).isEqualTo(99L);
    Fields fields = builder.build();
    assertThat(fields.size()).isEqualTo(100);
    assertThat(fields.name(0)).isEqualTo("f0");
    assertThat(fields.name(10)).isEqualTo("f11");
    assertThat(fields.name(99)).isEqualTo("f10");
    assertThat(fields.get("f10")).isEqualTo("again");
  }
}

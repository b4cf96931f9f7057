package dev.corral.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
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

  @Test
  void builtFieldsNeverChangeWhenTheBuilderGoesOn() {
    Fields.Builder builder = Fields.builder(8);
    builder.put("a", 1L).put("b", "two");
    Fields first = builder.build();
    builder.put("a", "replaced");
    Fields second = builder.build();
    builder.put("c", true);
    builder.remove("b");
    Fields third = builder.build();

    assertThat(first.toMap()).containsExactly(Map.entry("a", 1L), Map.entry("b", "two"));
    assertThat(second.toMap()).containsExactly(Map.entry("a", "replaced"), Map.entry("b", "two"));
    assertThat(third.toMap()).containsExactly(Map.entry("a", "replaced"), Map.entry("c", true));
  }

  @Test
  void indexesPastTheSizeAreRefusedEvenWhenTheArraysAreLonger() {
    Fields fields = Fields.builder(16).put("only", "one").build();

    assertThat(fields.size()).isEqualTo(1);
    assertThatThrownBy(() -> fields.name(1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> fields.value(1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> fields.value(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void randomPutsRemovesAndBuildsBehaveLikeAnOrderedMap() {
    long seed = new Random().nextLong();
    System.out.println("FieldsBuilderTest seed " + seed);
    Random random = new Random(seed);
    for (int round = 0; round < 200; round++) {
      Fields.Builder builder = Fields.builder(random.nextInt(30));
      Map<String, Object> expected = new LinkedHashMap<>();
      int names = 1 + random.nextInt(60);
      for (int op = 0; op < 150; op++) {
        // "Aa" and "BB" share a hash code: names built from them collide on purpose.
        String name = (random.nextBoolean() ? "Aa" : "BB") + random.nextInt(names);
        int what = random.nextInt(10);
        if (what < 6) {
          builder.put(name, (long) op);
          expected.put(name, (long) op);
        } else if (what < 8) {
          assertThat(builder.remove(name)).as("seed %d", seed).isEqualTo(expected.remove(name));
        } else if (what < 9) {
          assertThat(builder.build().toMap()).as("seed %d", seed).containsExactlyEntriesOf(expected);
        } else {
          assertThat(builder.get(name)).as("seed %d", seed).isEqualTo(expected.get(name));
        }
      }
      Fields fields = builder.build();
      assertThat(fields.size()).as("seed %d", seed).isEqualTo(expected.size());
      assertThat(fields.toMap()).as("seed %d", seed).containsExactlyEntriesOf(expected);
      expected.forEach((name, value) -> assertThat(fields.get(name)).as("seed %d", seed).isEqualTo(value));
    }
  }
}

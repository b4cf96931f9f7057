package dev.corral.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldPathsTest {
  @Test
  void joinsWithADotAndReusesTheJoinedPath() {
    FieldPaths paths = new FieldPaths();

    String first = paths.join("context", "payment_amount");
    String again = paths.join(new String("context"), new String("payment_amount"));

    assertThat(first).isEqualTo("context.payment_amount");
    assertThat(again).isSameAs(first);
  }

  @Test
  void partsThatJoinToTheSameTextStayApart() {
    FieldPaths paths = new FieldPaths();

    assertThat(paths.join("a.b", "c")).isEqualTo("a.b.c");
    assertThat(paths.join("a", "b.c")).isEqualTo("a.b.c");
    assertThat(paths.join("a.b", "c")).isEqualTo("a.b.c");
  }

  @Test
  void moreNamesThanSlotsAreAllJoinedRight() {
    FieldPaths paths = new FieldPaths();
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < FieldPaths.SLOTS * 3; i++) {
        assertThat(paths.join("p" + (i % 7), "n" + i)).isEqualTo("p" + (i % 7) + ".n" + i);
      }
    }
  }

  @Test
  void longPathsAreJoinedButNotKept() {
    FieldPaths paths = new FieldPaths();
    String longName = "x".repeat(FieldPaths.MAX_CACHED_CHARS);

    String first = paths.join("parent", longName);
    String again = paths.join("parent", longName);

    assertThat(first).isEqualTo("parent." + longName).isEqualTo(again);
    assertThat(again).isNotSameAs(first);
  }
}

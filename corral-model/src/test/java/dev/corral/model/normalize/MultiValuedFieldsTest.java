package dev.corral.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiValuedFieldsTest {
  @Test
  void aNameAddedOnceKeepsItsValueAndType() {
    MultiValuedFields fields = new MultiValuedFields(4);
    fields.add("n", 1L);
    fields.addArray("tags", "[\"a\",\"b\"]");
    assertThat(fields.build().toMap()).containsExactly(Map.entry("n", 1L), Map.entry("tags", "[\"a\",\"b\"]"));
  }

  @Test
  void aNameAddedAgainBecomesTheArrayOfEveryValueInOrderAtItsFirstPlace() {
    MultiValuedFields fields = new MultiValuedFields(4);
    fields.addArray("a", "[1]");
    fields.add("x", "y");
    fields.add("a", "two");
    fields.add("a", 2.5);
    fields.add("a", false);
    assertThat(fields.build().toMap()).containsExactly(Map.entry("a", "[[1],\"two\",2.5,false]"), Map.entry("x", "y"));
  }

  @Test
  void buildingAgainAfterMoreValuesKeepsThemAll() {
    MultiValuedFields fields = new MultiValuedFields(4);
    fields.add("a", 1L);
    fields.add("a", 2L);
    assertThat(fields.build().get("a")).isEqualTo("[1,2]");
    fields.add("a", 3L);
    assertThat(fields.build().get("a")).isEqualTo("[1,2,3]");
  }
}

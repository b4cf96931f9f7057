package dev.corral.store.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestFieldMapping {
  @Test
  void luceneNamesOfDifferentFieldsNeverCollide() {
    List<String> names = List.of("a", "a#n", "a#", "a##n", "#n", "_source", "#_source", "#source", "#ignored",
        "timestamp#n", "x#n#n", "x#", "service");
    Set<String> lucene = new HashSet<>(Set.of(FieldMapping.SOURCE, FieldMapping.IGNORED, FieldMapping.TIMESTAMP));
    for (String name : names) {
      assertThat(lucene.add(FieldMapping.keyword(name))).as("keyword of %s", name).isTrue();
      assertThat(lucene.add(FieldMapping.numeric(name))).as("numeric of %s", name).isTrue();
    }
  }

  @Test
  void plainNamesAreKeptAndNumbersGetTheirOwnField() {
    assertThat(FieldMapping.keyword("http.status_code")).isEqualTo("http.status_code");
    assertThat(FieldMapping.numeric("http.status_code")).isEqualTo("http.status_code#n");
  }

  @Test
  void canonicalNamesResolveCaseInsensitively() {
    assertThat(FieldMapping.resolve("LEVEL")).isEqualTo("level");
    assertThat(FieldMapping.resolve("Service")).isEqualTo("service");
    assertThat(FieldMapping.resolve("Exception.StackTrace")).isEqualTo("exception.stacktrace");
    assertThat(FieldMapping.resolve("Custom.Field")).isEqualTo("Custom.Field");
  }
}

package dev.corral.server.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The indices' default pipelines file: its bound, its format check, what a second reader of it sees. */
class IndexDefaultPipelinesTest {
  @TempDir
  Path directory;

  @Test
  void atMostMaxIndicesAreRememberedAndANewOneIsRefusedNamingTheLimit() throws Exception {
    Path file = directory.resolve(IndexDefaultPipelines.FILE_NAME);
    IndexDefaultPipelines defaults = new IndexDefaultPipelines(file);
    for (int i = 0; i < IndexDefaultPipelines.MAX_INDICES; i++) {
      defaults.put("logs-" + i, i == 7 ? "nginx" : null);
    }
    assertThatThrownBy(() -> defaults.put("one-too-many", "nginx")).isInstanceOf(IndexSettingException.class)
        .hasMessageContaining("one-too-many").hasMessageContaining(String.valueOf(IndexDefaultPipelines.MAX_INDICES))
        .satisfies(e -> assertThat(((IndexSettingException) e).kind()).isEqualTo(IndexSettingException.Kind.TOO_MANY));
    defaults.put("logs-3", "apache"); // an existing one may still change

    IndexDefaultPipelines reread = new IndexDefaultPipelines(file);
    reread.load();
    assertThat(reread.of("logs-7")).contains("nginx");
    assertThat(reread.of("logs-3")).contains("apache");
    assertThat(reread.exists("logs-999")).isTrue();
    assertThat(reread.exists("one-too-many")).isFalse();
    assertThat(reread.indicesUsing("nginx")).containsExactly("logs-7");
  }

  @Test
  void aFileOfAnotherFormatOrNotJsonIsRefusedNamingIt() throws Exception {
    Path file = directory.resolve(IndexDefaultPipelines.FILE_NAME);
    Files.writeString(file, "{\"format_version\": 9, \"indices\": {}}");
    assertThatThrownBy(() -> new IndexDefaultPipelines(file).load()).isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("format_version 9");
    Files.writeString(file, "{\"format_version\": 1, \"indices\": ");
    assertThatThrownBy(() -> new IndexDefaultPipelines(file).load()).isInstanceOf(IOException.class)
        .hasMessageContaining("does not read as JSON");
  }

  @Test
  void indexNamesElasticsearchRefusesAreRefused() {
    for (String bad : new String[] {"", "Upper", "_hidden", "-x", "+x", ".", "..", "a/b", "a b", "a,b", "a:b", "a#b",
        "x".repeat(256)}) {
      assertThatThrownBy(() -> IndexDefaultPipelines.checkName(bad)).as("'%s'", bad)
          .isInstanceOf(IndexSettingException.class).hasMessageContaining("Invalid index name");
    }
  }
}

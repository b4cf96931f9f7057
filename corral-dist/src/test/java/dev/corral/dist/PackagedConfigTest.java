package dev.corral.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.config.ConfigLoader;
import dev.corral.server.config.ConfigValues;
import dev.corral.server.config.ServerConfig;
import dev.corral.server.config.Setting;
import dev.corral.server.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's conf/corral.yaml is generated from Settings and checked in: other changes add
 * settings, and the file must list each of them. {@code -Dcorral.regenerate=true} writes it again.
 */
class PackagedConfigTest {
  private static final Path FILE = Path.of(PackagedConfig.SOURCE_PATH);
  private static final String REGENERATE = "./mvnw -q -B -pl corral-dist -am test -Dtest=PackagedConfigTest "
      + "-Dsurefire.failIfNoSpecifiedTests=false -Dcorral.regenerate=true";

  @TempDir
  Path dir;

  /** With {@code -Dcorral.regenerate=true}, before any test reads it. */
  @BeforeAll
  static void regenerateWhenAsked() throws Exception {
    if (Boolean.getBoolean("corral.regenerate")) {
      Files.writeString(FILE, PackagedConfig.render());
    }
  }

  @Test
  void theCheckedInFileIsTheOneSettingsGive() throws Exception {
    String expected = PackagedConfig.render();
    assertThat(Files.readString(FILE))
        .as("corral-dist/%s differs from what Settings.ALL gives (a setting added, changed or removed); "
            + "regenerate it with: %s", PackagedConfig.SOURCE_PATH, REGENERATE)
        .isEqualTo(expected);
  }

  @Test
  void loadingTheFileGivesTheChosenValuesAndEveryOtherDefault() {
    ConfigValues values = ConfigLoader.load(FILE, Map.of(), Map.of());
    assertThat(values.text(Settings.AUTH_MODE)).isEqualTo("keys");
    assertThat(values.text(Settings.RETENTION_MAX_AGE)).isEqualTo("30d");
    assertThat(values.text(Settings.DATA_DIR)).isEqualTo("/var/lib/corral");
    for (Setting setting : Settings.ALL) {
      String expectedSource = PackagedConfig.CHOICES.containsKey(setting.key()) ? FILE.toString() : "default";
      assertThat(values.source(setting)).as(setting.key()).isEqualTo(expectedSource);
    }
    ServerConfig config = ServerConfig.from(values);
    assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/corral"));
  }

  @Test
  void removingTheHashOfEverySettingLineSetsItsDefault() throws Exception {
    Path uncommented = dir.resolve("corral.yaml");
    Files.writeString(uncommented, Files.readString(FILE).replaceAll("(?m)^(\\s+)#(\\w[\\w.]*):", "$1$2:"));
    ConfigValues values = ConfigLoader.load(uncommented, Map.of(), Map.of());
    ConfigValues defaults = ConfigLoader.load(null, Map.of(), Map.of());
    for (Setting setting : Settings.ALL) {
      assertThat(values.source(setting)).as(setting.key()).isEqualTo(uncommented.toString());
      if (PackagedConfig.CHOICES.containsKey(setting.key())) {
        continue;
      }
      assertThat(value(values, setting)).as(setting.key()).isEqualTo(value(defaults, setting));
    }
  }

  private static Object value(ConfigValues values, Setting setting) {
    return switch (setting.shape()) {
      case VALUE -> values.text(setting);
      case LIST -> values.list(setting);
      case MAPS -> values.maps(setting);
    };
  }
}

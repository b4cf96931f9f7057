package dev.corral.dist;

import static dev.corral.dist.CommandRun.corral;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code corral restore --state}: without an archive configured it says what to give; against an
 * unreachable archive it fails naming it and installs nothing. (The restore itself, against a real
 * s3proxy, is corral-server's StateSnapshotTest.)
 */
class RestoreStateCommandTest {
  @TempDir
  Path data;

  @Test
  void withoutAnArchiveOrWithAnUnreachableOneItFailsClearlyAndInstallsNothing() {
    CommandRun none = corral("restore", "--state", "--data", data.toString());
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.err()).contains("archive.url is not set");

    CommandRun unreachable = corral("restore", "--state", "--data", data.toString(), "--set",
        "archive.url=s3://lost-bucket/prod", "--set", "archive.endpoint=http://127.0.0.1:9", "--set",
        "archive.path_style=true", "--set", "archive.access_key=a", "--set", "archive.secret_key=b");
    assertThat(unreachable.exit()).isEqualTo(1);
    assertThat(unreachable.err()).contains("s3://lost-bucket/prod/state/");
    assertThat(data.resolve("auth")).doesNotExist();
  }
}

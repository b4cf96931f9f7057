package dev.corral.server.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The fixture itself: a real s3proxy that keeps its objects across a stop and a start. */
class S3TestServerTest {
  @TempDir
  Path directory;

  @Test
  void objectsWrittenBeforeAStopAreThereAfterTheRestart() throws Exception {
    try (S3TestServer s3 = S3TestServer.start(directory)) {
      try (S3Client client = s3.client()) {
        client.putObject(b -> b.bucket(S3TestServer.BUCKET).key("a/b.txt"), RequestBody.fromString("hello"));
      }
      assertThat(s3.objectFile("a/b.txt")).hasContent("hello");
      s3.stop();
      s3.start();
      try (S3Client client = s3.client()) {
        assertThat(client.getObjectAsBytes(b -> b.bucket(S3TestServer.BUCKET).key("a/b.txt")).asUtf8String())
            .isEqualTo("hello");
      }
    }
  }
}

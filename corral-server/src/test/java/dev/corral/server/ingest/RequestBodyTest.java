package dev.corral.server.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class RequestBodyTest {
  private static final long MAX = 1 << 20;

  private static byte[] lines(int count) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < count; i++) {
      body.append("{\"message\":\"line ").append(i).append("\"}\n");
    }
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void bodyOfDeclaredLengthIsReadIntoAnArrayOfExactlyThatLength() throws Exception {
    byte[] sent = lines(5000);
    RequestBody body = RequestBody.read(new ByteArrayInputStream(sent), Integer.toString(sent.length), null, MAX);
    assertEquals(sent.length, body.length());
    assertEquals(sent.length, body.bytes().length, "no spare capacity: the array is the body");
    assertArrayEquals(sent, body.bytes());
  }

  @Test
  void streamEndingBeforeTheDeclaredLengthGivesWhatArrived() throws Exception {
    byte[] sent = lines(10);
    RequestBody body = RequestBody.read(new ByteArrayInputStream(sent), Integer.toString(sent.length + 100), null, MAX);
    assertEquals(sent.length, body.length());
    assertArrayEquals(sent, Arrays.copyOf(body.bytes(), body.length()));
  }

  @Test
  void streamGoingPastTheDeclaredLengthIsReadWholeAndStillBounded() throws Exception {
    byte[] sent = lines(100);
    RequestBody body = RequestBody.read(new ByteArrayInputStream(sent), "10", null, MAX);
    assertArrayEquals(sent, Arrays.copyOf(body.bytes(), body.length()));

    byte[] tooMuch = new byte[(int) MAX + 1];
    IngestRejection rejection = assertThrows(IngestRejection.class,
        () -> RequestBody.read(new ByteArrayInputStream(tooMuch), "10", null, MAX));
    assertInstanceOf(Refusal.TooLarge.class, rejection.refusal());
  }

  @Test
  void declaredLengthOverTheLimitIsRefusedBeforeReading() {
    IngestRejection rejection = assertThrows(IngestRejection.class,
        () -> RequestBody.read(new ByteArrayInputStream(new byte[16]), Long.toString(MAX + 1), null, MAX));
    assertInstanceOf(Refusal.TooLarge.class, rejection.refusal());
  }

  @Test
  void emptyDeclaredBodyIsRefusedAsMalformed() {
    IngestRejection rejection = assertThrows(IngestRejection.class,
        () -> RequestBody.read(new ByteArrayInputStream(new byte[0]), "0", null, MAX));
    assertInstanceOf(Refusal.Malformed.class, rejection.refusal());
  }

  @Test
  void gzipBodyIsInflatedWhateverItsDeclaredLength() throws Exception {
    byte[] sent = lines(2000);
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write(sent);
    }
    RequestBody body = RequestBody.read(new ByteArrayInputStream(compressed.toByteArray()),
        Integer.toString(compressed.size()), "gzip", MAX);
    assertArrayEquals(sent, Arrays.copyOf(body.bytes(), body.length()));
  }

  @Test
  void bodyDeclaredLongerThanWhatIsAllocatedUpFrontIsReadWhole() throws IOException, IngestRejection {
    byte[] sent = lines(120_000); // about 3 MiB: more than the up-front allocation
    RequestBody body = RequestBody.read(new ByteArrayInputStream(sent), Integer.toString(sent.length), null, 8L << 20);
    assertArrayEquals(sent, Arrays.copyOf(body.bytes(), body.length()));
  }
}

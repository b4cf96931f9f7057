package dev.corral.server.inputs.gelf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.Refusal;
import dev.corral.server.ingest.RequestBody;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Compressed bodies are read whether or not the sender said so; broken ones are refused whole. */
class GelfBodyReaderTest {
  private static final byte[] JSON = "{\"short_message\":\"hello\"}".getBytes(StandardCharsets.UTF_8);

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  static byte[] zlib(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
      z.write(bytes);
    }
    return out.toByteArray();
  }

  private static String read(byte[] body, String encoding, long max) throws Exception {
    RequestBody read = GelfBodyReader.read(new ByteArrayInputStream(body), null, encoding, max);
    return new String(read.bytes(), 0, read.length(), StandardCharsets.UTF_8);
  }

  @Test
  void plainJsonIsReadAsIs() throws Exception {
    assertThat(read(JSON, null, 1024)).isEqualTo("{\"short_message\":\"hello\"}");
  }

  @Test
  void gzipAndZlibAreRecognisedWithoutAHeader() throws Exception {
    assertThat(read(gzip(JSON), null, 1024)).contains("hello");
    assertThat(read(zlib(JSON), null, 1024)).contains("hello");
    assertThat(read(zlib(JSON), "identity", 1024)).contains("hello");
  }

  @Test
  void contentEncodingHeadersAreHonoured() throws Exception {
    assertThat(read(gzip(JSON), "gzip", 1024)).contains("hello");
    assertThat(read(zlib(JSON), "deflate", 1024)).contains("hello");
    assertThat(read(zlib(JSON), "zlib", 1024)).contains("hello");
  }

  @Test
  void looseHeadersOfRealSendersAreReadByTheBodysFirstBytes() throws Exception {
    // graypy's GELFHTTPHandler sends a zlib body with "Content-Encoding: gzip,deflate"
    assertThat(read(zlib(JSON), "gzip,deflate", 1024)).contains("hello");
    assertThat(read(gzip(JSON), "deflate", 1024)).contains("hello");
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(raw, new java.util.zip.Deflater(6, true))) {
      z.write(JSON);
    }
    assertThat(read(raw.toByteArray(), "deflate", 1024)).as("raw deflate").contains("hello");
  }

  @Test
  void headerClaimingCompressionOfAPlainBodyIs400AndUnknownCodingIs415() {
    assertThatThrownBy(() -> read(JSON, "gzip", 1024))
        .isInstanceOfSatisfying(IngestRejection.class,
            e -> assertThat(e.refusal()).isInstanceOf(Refusal.Malformed.class))
        .hasMessageContaining("'gzip' says the body is compressed").hasMessageContaining("0x7b");
    assertThatThrownBy(() -> read(JSON, "gzip, br", 1024))
        .isInstanceOfSatisfying(IngestRejection.class,
            e -> assertThat(e.refusal()).isInstanceOf(Refusal.Unsupported.class))
        .hasMessageContaining("'gzip, br'");
  }

  @Test
  void truncatedGzipAndCorruptZlibAre400() throws Exception {
    byte[] gz = gzip(JSON);
    assertThatThrownBy(() -> read(Arrays.copyOf(gz, gz.length - 6), null, 1024))
        .isInstanceOfSatisfying(IngestRejection.class,
            e -> assertThat(e.refusal()).isInstanceOf(Refusal.Malformed.class))
        .hasMessageContaining("gzip").hasMessageContaining("truncated or corrupt");
    byte[] z = zlib(JSON);
    byte[] corrupt = z.clone();
    for (int i = 2; i < corrupt.length - 4; i++) {
      corrupt[i] = (byte) 0xFF;
    }
    assertThatThrownBy(() -> read(corrupt, null, 1024))
        .isInstanceOfSatisfying(IngestRejection.class,
            e -> assertThat(e.refusal()).isInstanceOf(Refusal.Malformed.class))
        .hasMessageContaining("zlib");
  }

  @Test
  void bodyInflatingPastTheLimitIs413() throws Exception {
    byte[] bomb = gzip(new byte[1 << 20]);
    assertThat(bomb.length).isLessThan(4096);
    assertThatThrownBy(() -> read(bomb, null, 64 * 1024))
        .isInstanceOfSatisfying(IngestRejection.class,
            e -> assertThat(e.refusal()).isInstanceOf(Refusal.TooLarge.class))
        .hasMessageContaining("limit of 65536 bytes (http.max_body_bytes)");
  }

  @Test
  void jsonNeverLooksCompressed() throws Exception {
    for (String start : new String[] {"{", "[", " ", "\n", "x"}) {
      RequestBody body = new RequestBody((start + "{}").getBytes(StandardCharsets.UTF_8), start.length() + 2);
      assertThat(GelfCompression.sniff(body.bytes(), 0, body.length())).as(start).isNull();
    }
  }
}

package dev.corral.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyCredentialsTest {
  private static final KeyCredentials KEY = new KeyCredentials("abc123def456", "s3cr3t-_secret");

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsEveryFormShippersSend() throws AccessDenied {
    assertThat(KeyCredentials.parse("ApiKey " + base64(KEY.token()))).isEqualTo(KEY);
    assertThat(KeyCredentials.parse("ApiKey " + KEY.token())).isEqualTo(KEY);
    assertThat(KeyCredentials.parse("Bearer " + KEY.token())).isEqualTo(KEY);
    assertThat(KeyCredentials.parse("Basic " + base64(KEY.token()))).isEqualTo(KEY);
    assertThat(KeyCredentials.parse("apikey  " + KEY.token() + " ")).as("scheme in any case, spaces around").isEqualTo(KEY);
  }

  @Test
  void missingMalformedAndOversizedHeadersAreTypedRefusals() {
    assertReason(null, AccessDenied.Reason.MISSING);
    assertReason("  ", AccessDenied.Reason.MISSING);
    assertReason("Digest username=x", AccessDenied.Reason.MALFORMED);
    assertReason("Bearer", AccessDenied.Reason.MALFORMED);
    assertReason("Bearer nocolon", AccessDenied.Reason.MALFORMED);
    assertReason("Bearer :secret", AccessDenied.Reason.MALFORMED);
    assertReason("Bearer id:", AccessDenied.Reason.MALFORMED);
    assertReason("Basic %%%not-base64", AccessDenied.Reason.MALFORMED);
    assertReason("Basic " + base64("no-colon"), AccessDenied.Reason.MALFORMED);
    assertReason("ApiKey " + "A".repeat(KeyCredentials.MAX_HEADER_CHARS), AccessDenied.Reason.MALFORMED);
    assertThatThrownBy(() -> KeyCredentials.parse("Basic")).hasMessageContaining("scheme Basic and no credentials");
    assertThatThrownBy(() -> KeyCredentials.parse("Basic " + Base64.getEncoder().encodeToString(
        new byte[] {'i', 'd', ':', (byte) 0xff, (byte) 0xfe}))).hasMessageContaining("not UTF-8");
    assertThatThrownBy(() -> KeyCredentials.parse("Bearer " + "a:b".repeat(KeyCredentials.MAX_HEADER_CHARS)))
        .hasMessageContaining("more than the " + KeyCredentials.MAX_HEADER_CHARS + " allowed");
  }

  @Test
  void neverShowsTheSecret() {
    assertThat(KEY.toString()).doesNotContain(KEY.secret());
  }

  private static void assertReason(String header, AccessDenied.Reason reason) {
    assertThatThrownBy(() -> KeyCredentials.parse(header)).isInstanceOfSatisfying(AccessDenied.class,
        denied -> assertThat(denied.reason()).isEqualTo(reason));
  }
}

package dev.corral.server.auth;

import dev.corral.server.text.Excerpt;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An API key as a client presents it: its public id and its secret. Read from an {@code
 * Authorization} header in every form shippers send:
 *
 * <ol>
 *   <li>{@code ApiKey <base64(id:secret)>} (Filebeat, Logstash, Elastic clients with {@code api_key: id:secret});
 *   <li>{@code ApiKey <id:secret>};
 *   <li>{@code Bearer <id:secret>} (OTLP exporters, curl);
 *   <li>{@code Basic <base64(id:secret)>}: the id as user, the secret as password (shippers that know only Basic).
 * </ol>
 *
 * <p>The scheme is case-insensitive. A header longer than {@link #MAX_HEADER_CHARS} is refused
 * before it is decoded.
 */
public record KeyCredentials(String id, String secret) {
  /**
   * Longest Authorization value read: a Corral key is under 60 characters (base64 of it under 80);
   * 1 KiB leaves room for any scheme while bounding the work a stranger can ask for.
   */
  public static final int MAX_HEADER_CHARS = 1024;
  /** The schemes read, in lower case. */
  private static final Set<String> SCHEMES = Set.of("apikey", "bearer", "basic");
  /** The credentials schemes this server answers 401 with. */
  public static final String CHALLENGE = "ApiKey";

  public KeyCredentials {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(secret, "secret");
  }

  /** The key as its owner writes it: {@code id:secret}. */
  public String token() {
    return id + ":" + secret;
  }

  /**
   * Reads an Authorization header value.
   *
   * @param authorization the header value, or {@code null} when absent
   * @throws AccessDenied {@code MISSING} when absent or blank, {@code MALFORMED} when too long, of
   *     an unknown scheme, not base64 where base64 is expected, or not {@code id:secret}
   */
  public static KeyCredentials parse(String authorization) throws AccessDenied {
    if (authorization == null || authorization.isBlank()) {
      throw AccessDenied.because(AccessDenied.Reason.MISSING,
          "an API key is required: send Authorization: ApiKey <id:secret> (or Bearer, or Basic with the id as user)");
    }
    if (authorization.length() > MAX_HEADER_CHARS) {
      throw malformed("the Authorization header is " + authorization.length() + " characters, more than the "
          + MAX_HEADER_CHARS + " allowed");
    }
    String value = authorization.strip();
    int space = value.indexOf(' ');
    if (space < 0) {
      throw malformed(SCHEMES.contains(value.toLowerCase(Locale.ROOT))
          ? "the Authorization header has the scheme " + value + " and no credentials after it"
          : "the Authorization header has no scheme; use ApiKey, Bearer or Basic");
    }
    String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
    String payload = value.substring(space + 1).strip();
    return switch (scheme) {
      case "apikey" -> split(payload.indexOf(':') >= 0 ? payload : decodeBase64(payload, "ApiKey"), "ApiKey");
      case "bearer" -> split(payload, "Bearer");
      case "basic" -> split(decodeBase64(payload, "Basic"), "Basic");
      default -> throw malformed("the Authorization scheme '" + Excerpt.header(value.substring(0, space))
          + "' is not supported; use ApiKey, Bearer or Basic");
    };
  }

  private static String decodeBase64(String payload, String scheme) throws AccessDenied {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(payload);
    } catch (IllegalArgumentException e) {
      throw malformed("the " + scheme + " credentials are not base64: " + e.getMessage());
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(decoded)).toString();
    } catch (CharacterCodingException e) {
      throw malformed("the " + scheme + " credentials are not UTF-8 text once decoded from base64");
    }
  }

  private static KeyCredentials split(String idAndSecret, String scheme) throws AccessDenied {
    int colon = idAndSecret.indexOf(':');
    if (colon <= 0 || colon == idAndSecret.length() - 1) {
      throw malformed("the " + scheme + " credentials are not id:secret");
    }
    return new KeyCredentials(idAndSecret.substring(0, colon), idAndSecret.substring(colon + 1));
  }

  private static AccessDenied malformed(String message) {
    return AccessDenied.because(AccessDenied.Reason.MALFORMED, message);
  }

  @Override
  public String toString() {
    return "KeyCredentials[id=" + id + ", secret=<hidden>]";
  }
}

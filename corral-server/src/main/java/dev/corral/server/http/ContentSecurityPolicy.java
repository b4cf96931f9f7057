package dev.corral.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Content-Security-Policy values Corral sends. A UI page may load scripts, styles, images and
 * data only from its own origin; no inline script runs and no inline style applies (neither
 * {@code 'unsafe-inline'} nor {@code 'unsafe-eval'}), no plugin loads, no {@code <base>} redirects
 * relative URLs, and no site may frame it (clickjacking). The one inline script element a page
 * may hold is its import map ({@code <script type="importmap">}, JSON that maps bare module names
 * to WebJar paths: browsers read import maps only inline), allowed by the SHA-256 of its exact
 * text — so editing it changes the hash by itself, and no other inline script can match it.
 */
final class ContentSecurityPolicy {
  /** For every answer that is not a UI page (API JSON, streams, errors): nothing may load from it, no one may frame it. */
  static final String API = "default-src 'none'; frame-ancestors 'none'";
  private static final String PAGE = "default-src 'self'; script-src 'self'%s; object-src 'none'; base-uri 'none'; "
      + "frame-ancestors 'none'";
  private static final Pattern IMPORT_MAP = Pattern.compile(
      "<script\\s+type=\"importmap\"\\s*>(.*?)</script>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

  private ContentSecurityPolicy() {}

  /** The policy of a UI file: for an HTML page, with the hash of each of its import maps. */
  static String forPage(byte[] html) {
    StringBuilder hashes = new StringBuilder();
    Matcher importMap = IMPORT_MAP.matcher(new String(html, StandardCharsets.UTF_8));
    while (importMap.find()) {
      hashes.append(" 'sha256-").append(sha256(importMap.group(1))).append('\'');
    }
    return PAGE.formatted(hashes);
  }

  private static String sha256(String text) {
    try {
      return Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("BUG: every JDK has SHA-256", e);
    }
  }
}

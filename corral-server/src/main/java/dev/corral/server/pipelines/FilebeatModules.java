package dev.corral.server.pipelines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Filebeat's nginx and apache module pipelines, which Corral answers with built-in equivalents of its
 * own: those pipelines use Painless {@code script} processors beyond the supported subset, so their
 * bodies are not read; a {@code PUT} of one of their ids installs Corral's shipped definition
 * ({@code filebeat/<module>-<fileset>.yaml}) under that id instead, producing the same output fields
 * ({@code source.address}/{@code source.ip}, {@code http.request.method}, {@code url.original},
 * {@code http.response.status_code}, {@code http.response.body.bytes}, {@code user_agent.*}, the event
 * time from the access time, {@code event.*}, {@code url.path}/{@code query}/{@code extension} by {@code uri_parts},
 * {@code source.geo.*} and {@code source.as.*} when the GeoIP databases are there). Stateless.
 */
final class FilebeatModules {
  /** Filebeat's ids: {@code filebeat-<version>-<module>-<fileset>-pipeline}. */
  private static final Pattern MODULE_ID =
      Pattern.compile("filebeat-[0-9][0-9A-Za-z.+_-]*?-(nginx|apache)-(access|error)-pipeline");

  /** The place in a definition where the GeoIP processors go, when the databases are there. */
  private static final Pattern GEOIP_MARKER = Pattern.compile("(?m)^  # __GEOIP__.*$");
  /** The databases Filebeat's pipelines look the client address up in (Elasticsearch's defaults). */
  static final String CITY_DATABASE = "GeoLite2-City.mmdb";
  static final String ASN_DATABASE = "GeoLite2-ASN.mmdb";
  private static final String CITY = """
        - geoip: {field: source.ip, target_field: source.geo, ignore_missing: true}
      """;
  private static final String ASN = """
        - geoip: {field: source.ip, target_field: source.as, database_file: GeoLite2-ASN.mmdb, properties: [asn, organization_name], ignore_missing: true}
        - rename: {field: source.as.asn, target_field: source.as.number, ignore_missing: true}
        - rename: {field: source.as.organization_name, target_field: source.as.organization.name, ignore_missing: true}
      """;

  private FilebeatModules() {}

  /**
   * Corral's equivalent of the pipeline {@code id} in its YAML form (with that id), when it is one of
   * Filebeat's modules'. Where Filebeat's pipeline looks the client up with {@code geoip}, so does the
   * equivalent: {@code source.geo.*} when {@value #CITY_DATABASE} is in {@code geoipDirectory},
   * {@code source.as.number} and {@code source.as.organization.name} when {@value #ASN_DATABASE} is,
   * as the databases are when it is installed (a database added later needs the pipeline installed again).
   */
  static Optional<String> equivalent(String id, Path geoipDirectory) {
    Matcher matcher = MODULE_ID.matcher(id);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String resource = "filebeat/" + matcher.group(1) + "-" + matcher.group(2) + ".yaml";
    try (InputStream in = FilebeatModules.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("BUG: the built-in pipeline " + resource + " is not on the classpath");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("id: __ID__", "id: " + id);
      String geo = (Files.isRegularFile(geoipDirectory.resolve(CITY_DATABASE)) ? CITY : "")
          + (Files.isRegularFile(geoipDirectory.resolve(ASN_DATABASE)) ? ASN : "");
      return Optional.of(GEOIP_MARKER.matcher(text).replaceAll(Matcher.quoteReplacement(geo.stripTrailing())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

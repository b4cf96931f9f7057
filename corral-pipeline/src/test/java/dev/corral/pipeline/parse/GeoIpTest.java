package dev.corral.pipeline.parse;

import static dev.corral.pipeline.parse.Definitions.build;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.corral.demo.geo.DemoGeoDatabases;
import dev.corral.demo.geo.MaxMindDbWriter;
import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeoIpTest {
  @TempDir static Path directory;
  static GeoIpFactory factory;

  @BeforeAll
  static void writeDatabases() throws IOException {
    DemoGeoDatabases.writeInto(directory);
    factory = new GeoIpFactory(directory);
  }

  private static Map<String, Object> lookup(Processor processor, Object ip) throws ProcessorException {
    MapDocument document = MapDocument.of("source.ip", ip);
    assertThat(processor.process(document)).isTrue();
    document.remove("source.ip");
    return document.fields();
  }

  @Test
  void cityDatabaseGivesElasticsearchsDefaultProperties() throws Exception {
    Processor processor = build(factory, "field", "source.ip");
    assertThat(lookup(processor, "81.2.69.160")).containsOnly(
        entry("geoip.continent_name", "Europe"), entry("geoip.country_iso_code", "GB"),
        entry("geoip.country_name", "United Kingdom"), entry("geoip.region_iso_code", "GB-ENG"),
        entry("geoip.region_name", "England"), entry("geoip.city_name", "London"),
        entry("geoip.location.lat", 51.5142), entry("geoip.location.lon", -0.0931));
    assertThat(lookup(processor, "2001:db8:1234::1")).containsEntry("geoip.city_name", "Linköping")
        .containsEntry("geoip.country_iso_code", "SE").containsEntry("geoip.region_iso_code", "SE-E");
  }

  @Test
  void propertiesAndTargetField() throws Exception {
    Processor processor = build(factory, "field", "source.ip", "target_field", "source.geo",
        "properties", List.of("ip", "city_name", "timezone", "continent_code", "location"));
    assertThat(lookup(processor, "175.16.199.1")).containsOnly(
        entry("source.geo.ip", "175.16.199.1"), entry("source.geo.city_name", "Changchun"),
        entry("source.geo.timezone", "Asia/Harbin"), entry("source.geo.continent_code", "AS"),
        entry("source.geo.location.lat", 43.88), entry("source.geo.location.lon", 125.3228));
    assertThatThrownBy(() -> build(factory, "field", "source.ip", "properties", List.of("asn")))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("'asn' is no property of GeoLite2-City.mmdb (a city database");
  }

  @Test
  void asnAndCountryDatabasesAreRecognisedFromTheirMetadata() throws Exception {
    Processor asn = build(factory, "field", "source.ip", "database_file", DemoGeoDatabases.ASN, "target_field", "source.as");
    assertThat(lookup(asn, "1.130.4.5")).containsOnly(entry("source.as.ip", "1.130.4.5"), entry("source.as.asn", 1221L),
        entry("source.as.organization_name", "Telstra Pty Ltd"), entry("source.as.network", "1.128.0.0/11"));
    assertThat(lookup(asn, "2001:db8::9")).containsEntry("source.as.asn", 64496L);
    Processor country = build(factory, "field", "source.ip", "database_file", DemoGeoDatabases.COUNTRY);
    assertThat(lookup(country, "81.2.69.1")).containsOnly(entry("geoip.continent_name", "Europe"),
        entry("geoip.country_iso_code", "GB"), entry("geoip.country_name", "United Kingdom"));
  }

  @Test
  void privateAndUnknownAddressesWriteNothing() throws Exception {
    Processor processor = build(factory, "field", "source.ip");
    for (String ip : List.of("10.0.0.1", "192.168.1.20", "127.0.0.1", "8.8.8.8", "::1", "fe80::1")) {
      assertThat(lookup(processor, ip)).as(ip).isEmpty();
    }
  }

  @Test
  void aValueThatIsNoIpFailsTheEvent() throws Exception {
    Processor processor = build(factory, "field", "source.ip");
    for (String bad : List.of("not-an-ip", "300.1.1.1", "1.2.3", "example.com", "1:2:3", "")) {
      assertThatThrownBy(() -> processor.process(MapDocument.of("source.ip", bad))).as(bad)
          .isInstanceOf(ProcessorException.class).hasMessage("'" + bad + "' is not an IP string literal. (field [source.ip])");
    }
  }

  @Test
  void listsOfAddressesFirstOnlyOrAll() throws Exception {
    List<String> ips = List.of("10.0.0.1", "81.2.69.7", "2001:db8::2");
    assertThat(lookup(build(factory, "field", "source.ip", "properties", List.of("city_name")), ips))
        .containsOnly(entry("geoip.city_name", "London"));
    assertThat(lookup(build(factory, "field", "source.ip", "properties", List.of("city_name"), "first_only", false), ips))
        .containsOnly(entry("geoip.city_name", List.of("London", "Linköping")));
  }

  @Test
  void missingFieldFailsUnlessIgnored() throws Exception {
    assertThatThrownBy(() -> build(factory, "field", "client.ip").process(new MapDocument()))
        .isInstanceOf(ProcessorException.class).hasMessageContaining("[client.ip]");
    MapDocument document = new MapDocument();
    assertThat(build(factory, "field", "client.ip", "ignore_missing", true).process(document)).isTrue();
    assertThat(document.fields()).isEmpty();
  }

  @Test
  void missingFileIsADefinitionErrorNamingIt() {
    assertThatThrownBy(() -> build(factory, "field", "source.ip", "database_file", "GeoIP2-City.mmdb"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("option 'database_file'")
        .hasMessageContaining(directory.resolve("GeoIP2-City.mmdb").toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void truncatedFileIsADefinitionErrorNamingIt() throws IOException {
    byte[] whole = Files.readAllBytes(directory.resolve(DemoGeoDatabases.CITY));
    Path truncated = Files.write(directory.resolve("truncated.mmdb"), Arrays.copyOf(whole, whole.length / 2));
    assertThatThrownBy(() -> build(factory, "field", "source.ip", "database_file", "truncated.mmdb"))
        .isInstanceOf(DefinitionException.class).hasMessageContaining(truncated.toString())
        .hasMessageContaining("is no MaxMind database");
  }

  @Test
  void corruptTreeIsADefinitionErrorNamingIt() throws IOException {
    byte[] bytes = new MaxMindDbWriter("GeoLite2-City").insert("8.8.8.0/24", Map.of("city", Map.of("names", Map.of("en", "X"))))
        .toBytes();
    Arrays.fill(bytes, 0, 96 * 6, (byte) 0xFF);
    Path corrupt = Files.write(directory.resolve("corrupt.mmdb"), bytes);
    assertThatThrownBy(() -> build(factory, "field", "source.ip", "database_file", "corrupt.mmdb"))
        .isInstanceOf(DefinitionException.class).hasMessageContaining(corrupt.toString()).hasMessageContaining("corrupt");
  }

  @Test
  void aReplacedFileIsOpenedAnewByTheNextDefinitionWhileEarlierProcessorsKeepTheirs() throws Exception {
    Path file = directory.resolve("replaced-City.mmdb");
    new MaxMindDbWriter("GeoLite2-City").insert("81.2.69.0/24", Map.of("city", Map.of("names", Map.of("en", "Old Town"))))
        .write(file);
    Processor before = build(factory, "field", "source.ip", "database_file", "replaced-City.mmdb");
    assertThat(build(factory, "field", "source.ip", "database_file", "replaced-City.mmdb")).isNotNull();
    Path next = new MaxMindDbWriter("GeoLite2-City").insert("81.2.69.0/24", Map.of("city", Map.of("names", Map.of("en", "New Town"))))
        .write(directory.resolve("replaced-City.mmdb.tmp"));
    Files.setLastModifiedTime(next, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 60_000));
    Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Processor after = build(factory, "field", "source.ip", "database_file", "replaced-City.mmdb");
    assertThat(lookup(after, "81.2.69.1")).containsEntry("geoip.city_name", "New Town");
    assertThat(lookup(before, "81.2.69.1")).containsEntry("geoip.city_name", "Old Town");
  }

  @Test
  void databaseOfAnotherKindIsRefused() throws IOException {
    new MaxMindDbWriter("GeoIP2-Anonymous-IP").insert("1.2.3.0/24", Map.of("is_anonymous", true))
        .write(directory.resolve("anonymous.mmdb"));
    assertThatThrownBy(() -> build(factory, "field", "source.ip", "database_file", "anonymous.mmdb"))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("of type 'GeoIP2-Anonymous-IP'");
  }
}

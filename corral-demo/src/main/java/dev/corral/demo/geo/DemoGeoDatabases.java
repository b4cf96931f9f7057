package dev.corral.demo.geo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Small City, Country and ASN databases, as GeoLite2 lays them out, written by {@link MaxMindDbWriter}: London for
 * 81.2.69.0/24, Changchun for 175.16.199.0/24, Linköping for 2001:db8::/32 (the networks
 * {@link dev.corral.demo.AccessLogLines} draws clients from), two AS numbers. For tests, benchmarks and the demo.
 */
public final class DemoGeoDatabases {
  public static final String CITY = "GeoLite2-City.mmdb";
  public static final String COUNTRY = "GeoLite2-Country.mmdb";
  public static final String ASN = "GeoLite2-ASN.mmdb";

  private DemoGeoDatabases() {}

  /** Writes the three databases into {@code directory}; returns it. */
  public static Path writeInto(Path directory) throws IOException {
    Map<String, Object> europe = Map.of("code", "EU", "geoname_id", 6255148L, "names", Map.of("en", "Europe"));
    Map<String, Object> gb = Map.of("iso_code", "GB", "geoname_id", 2635167L, "is_in_european_union", false,
        "names", Map.of("en", "United Kingdom"));
    Map<String, Object> se = Map.of("iso_code", "SE", "geoname_id", 2661886L, "is_in_european_union", true,
        "names", Map.of("en", "Sweden"));
    new MaxMindDbWriter("GeoLite2-City")
        .insert("81.2.69.0/24", Map.of(
            "city", Map.of("geoname_id", 2643743L, "names", Map.of("en", "London")),
            "continent", europe, "country", gb, "registered_country", gb,
            "subdivisions", List.of(Map.of("iso_code", "ENG", "geoname_id", 6269131L, "names", Map.of("en", "England"))),
            "location", Map.of("latitude", 51.5142, "longitude", -0.0931, "time_zone", "Europe/London", "accuracy_radius", 10)))
        .insert("2001:db8::/32", Map.of(
            "city", Map.of("geoname_id", 2694762L, "names", Map.of("en", "Linköping")),
            "continent", europe, "country", se,
            "subdivisions", List.of(Map.of("iso_code", "E", "names", Map.of("en", "Östergötland County"))),
            "location", Map.of("latitude", 58.4167, "longitude", 15.6167, "time_zone", "Europe/Stockholm")))
        .insert("175.16.199.0/24", Map.of(
            "city", Map.of("names", Map.of("en", "Changchun")),
            "continent", Map.of("code", "AS", "names", Map.of("en", "Asia")),
            "country", Map.of("iso_code", "CN", "names", Map.of("en", "China")),
            "location", Map.of("latitude", 43.88, "longitude", 125.3228, "time_zone", "Asia/Harbin")))
        .write(directory.resolve(CITY));
    new MaxMindDbWriter("GeoLite2-Country")
        .insert("81.2.69.0/24", Map.of("continent", europe, "country", gb))
        .write(directory.resolve(COUNTRY));
    new MaxMindDbWriter("GeoLite2-ASN")
        .insert("1.128.0.0/11", Map.of("autonomous_system_number", 1221L, "autonomous_system_organization", "Telstra Pty Ltd"))
        .insert("2001:db8::/32", Map.of("autonomous_system_number", 64496L, "autonomous_system_organization", "Example Networks"))
        .write(directory.resolve(ASN));
    return directory;
  }
}

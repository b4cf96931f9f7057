package dev.corral.pipeline.parse;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.model.CountryResponse;
import com.maxmind.geoip2.record.Continent;
import com.maxmind.geoip2.record.Country;
import com.maxmind.geoip2.record.Subdivision;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One MaxMind database (.mmdb: GeoLite2/GeoIP2 City, Country or ASN, the kind read from its
 * metadata), answering lookups as Elasticsearch's {@code geoip} processor names the results
 * ({@code city_name}, {@code country_iso_code}, {@code location.lat}, {@code asn}, ...). The file is
 * memory-mapped; lookups are thread-safe.
 */
final class GeoIpDatabase {
  /** Decoded records kept: a database's records repeat across the networks of one city or AS. */
  private static final int RECORD_CACHE_ENTRIES = 4096;

  /** The kinds of database Elasticsearch's processor reads, with the properties each gives. */
  enum Kind {
    CITY(List.of("ip", "country_iso_code", "country_name", "continent_code", "continent_name", "region_iso_code",
        "region_name", "city_name", "timezone", "location"),
        List.of("continent_name", "country_iso_code", "country_name", "region_iso_code", "region_name", "city_name", "location")),
    COUNTRY(List.of("ip", "country_iso_code", "country_name", "continent_code", "continent_name"),
        List.of("continent_name", "country_iso_code", "country_name")),
    ASN(List.of("ip", "asn", "organization_name", "network"), List.of("ip", "asn", "organization_name", "network"));

    /** Every property, and those written when a definition names none, in Elasticsearch's order. */
    final List<String> properties;
    final List<String> defaults;

    Kind(List<String> properties, List<String> defaults) {
      this.properties = properties;
      this.defaults = defaults;
    }
  }

  private final Path file;
  private final DatabaseReader reader;
  private final Kind kind;

  private GeoIpDatabase(Path file, DatabaseReader reader, Kind kind) {
    this.file = file;
    this.reader = reader;
    this.kind = kind;
  }

  /**
   * Opens {@code file} and checks it: its metadata names a known kind and a lookup walks its tree.
   *
   * @throws IOException naming the file when it is missing, unreadable, corrupt or of another kind
   */
  static GeoIpDatabase open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("geoip database file " + file + " does not exist or is no regular file");
    }
    DatabaseReader reader;
    try {
      reader = new DatabaseReader.Builder(file.toFile()).fileMode(Reader.FileMode.MEMORY_MAPPED)
          .withCache(new CHMCache(RECORD_CACHE_ENTRIES)).build();
    } catch (IOException | RuntimeException e) {
      throw new IOException("geoip database file " + file + " is no MaxMind database (corrupt or truncated?): " + e.getMessage(), e);
    }
    String type = reader.metadata().databaseType();
    Kind kind = type.contains("-City") ? Kind.CITY
        : type.contains("-Country") ? Kind.COUNTRY
        : type.contains("-ASN") ? Kind.ASN
        : null;
    if (kind == null) {
      reader.close();
      throw new IOException("geoip database file " + file + " is of type '" + type + "'; supported: *-City*, *-Country*, *-ASN*");
    }
    GeoIpDatabase database = new GeoIpDatabase(file, reader, kind);
    try {
      database.lookup(InetAddress.getByAddress(new byte[] {8, 8, 8, 8}), Set.copyOf(kind.properties), "8.8.8.8");
    } catch (IOException | RuntimeException e) {
      reader.close();
      throw new IOException("geoip database file " + file + " is corrupt: a lookup fails with " + e.getMessage(), e);
    }
    return database;
  }

  Path file() {
    return file;
  }

  Kind kind() {
    return kind;
  }

  /**
   * The {@code properties} the database has for {@code address} (named by property, the location
   * as {@code location.lat} and {@code location.lon}); empty when the address is in no network of
   * it, as private addresses are.
   *
   * @param ip the address as the event wrote it, for the {@code ip} property
   * @throws IOException when the file turns out corrupt at this address
   */
  Map<String, Object> lookup(InetAddress address, Set<String> properties, String ip) throws IOException {
    Map<String, Object> found = new LinkedHashMap<>();
    try {
      switch (kind) {
        case CITY -> reader.tryCity(address).ifPresent(city -> city(city, found));
        case COUNTRY -> reader.tryCountry(address).ifPresent(country -> country(country, found));
        case ASN -> reader.tryAsn(address).ifPresent(asn -> asn(asn, found));
      }
    } catch (GeoIp2Exception e) {
      throw new IOException(e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IOException("the database is corrupt at this address: " + e, e);
    }
    if (found.isEmpty()) {
      return Map.of();
    }
    found.put("ip", ip);
    found.keySet().removeIf(property -> !properties.contains(property.startsWith("location.") ? "location" : property));
    return found;
  }

  private static void city(CityResponse city, Map<String, Object> found) {
    place(city.continent(), city.country(), found);
    Subdivision region = city.mostSpecificSubdivision();
    if (region != null && region.isoCode() != null && city.country().isoCode() != null) {
      put(found, "region_iso_code", city.country().isoCode() + "-" + region.isoCode());
    }
    put(found, "region_name", region == null ? null : region.name());
    put(found, "city_name", city.city().name());
    put(found, "timezone", city.location().timeZone());
    if (city.location().latitude() != null && city.location().longitude() != null) {
      found.put("location.lat", city.location().latitude());
      found.put("location.lon", city.location().longitude());
    }
  }

  private static void country(CountryResponse country, Map<String, Object> found) {
    place(country.continent(), country.country(), found);
  }

  private static void place(Continent continent, Country country, Map<String, Object> found) {
    put(found, "country_iso_code", country.isoCode());
    put(found, "country_name", country.name());
    put(found, "continent_code", continent.code());
    put(found, "continent_name", continent.name());
  }

  private static void asn(AsnResponse asn, Map<String, Object> found) {
    put(found, "asn", asn.autonomousSystemNumber());
    put(found, "organization_name", asn.autonomousSystemOrganization());
    put(found, "network", asn.network() == null ? null : asn.network().toString());
  }

  private static void put(Map<String, Object> found, String property, Object value) {
    if (value != null) {
      found.put(property, value);
    }
  }
}

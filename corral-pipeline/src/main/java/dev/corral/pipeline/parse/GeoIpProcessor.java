package dev.corral.pipeline.parse;

import dev.corral.pipeline.Document;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Looks an IP address up in a MaxMind database and writes what it finds under the target field
 * ({@code geoip.city_name}, {@code geoip.location.lat}, ...). An address in no network of the
 * database (private ranges among them) writes nothing and is no error, as in Elasticsearch; a
 * value that is no IP address fails the event. For a list of addresses, {@code first_only} writes
 * the first address found, else each property becomes a list over the addresses found. Immutable;
 * safe on several threads at once.
 */
final class GeoIpProcessor implements Processor {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");

  private final String field;
  private final String target;
  private final GeoIpDatabase database;
  private final Set<String> properties;
  private final boolean firstOnly;
  private final boolean ignoreMissing;

  GeoIpProcessor(String field, String target, GeoIpDatabase database, List<String> properties, boolean firstOnly,
      boolean ignoreMissing) {
    this.field = field;
    this.target = target;
    this.database = database;
    this.properties = Set.copyOf(properties);
    this.firstOnly = firstOnly;
    this.ignoreMissing = ignoreMissing;
  }

  @Override
  public boolean process(Document document) throws ProcessorException {
    Object value = document.get(field);
    if (value instanceof List<?> ips) {
      processAll(document, ips);
      return true;
    }
    String ip = InputField.text(document, field, ignoreMissing);
    if (ip != null) {
      lookup(ip).forEach((property, found) -> document.set(target + "." + property, found));
    }
    return true;
  }

  private void processAll(Document document, List<?> ips) throws ProcessorException {
    Map<String, List<Object>> all = new LinkedHashMap<>();
    for (Object ip : ips) {
      Map<String, Object> found = lookup(String.valueOf(ip));
      if (found.isEmpty()) {
        continue;
      }
      if (firstOnly) {
        found.forEach((property, value) -> document.set(target + "." + property, value));
        return;
      }
      found.forEach((property, value) -> all.computeIfAbsent(property, p -> new ArrayList<>()).add(value));
    }
    all.forEach((property, values) -> document.set(target + "." + property, List.copyOf(values)));
  }

  private Map<String, Object> lookup(String ip) throws ProcessorException {
    try {
      return database.lookup(address(ip), properties, ip);
    } catch (IOException e) {
      throw new ProcessorException("geoip database " + database.file() + " failed on [" + ip + "] in field [" + field
          + "]: " + e.getMessage());
    }
  }

  /** {@code ip} as an address, parsed as a literal (never a DNS lookup). */
  private InetAddress address(String ip) throws ProcessorException {
    try {
      if (ip.indexOf(':') >= 0 && Detector.isIpv6(ip)) {
        return InetAddress.getByName(ip);
      }
      if (IPV4.matcher(ip).matches()) {
        byte[] octets = new byte[4];
        String[] parts = ip.split("\\.");
        for (int i = 0; i < 4; i++) {
          int octet = Integer.parseInt(parts[i]);
          if (octet > 255) {
            throw notAnIp(ip);
          }
          octets[i] = (byte) octet;
        }
        return InetAddress.getByAddress(octets);
      }
    } catch (UnknownHostException e) {
      throw notAnIp(ip);
    }
    throw notAnIp(ip);
  }

  private ProcessorException notAnIp(String ip) {
    return new ProcessorException("'" + GrokProcessor.quote(ip) + "' is not an IP string literal. (field [" + field + "])");
  }
}

package dev.corral.pipeline.parse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One kind of personal data {@code redact} finds: a regular expression for candidates, the group of
 * it that is the secret (0 for the whole match), and a check that a candidate is real (a Luhn
 * check for card numbers, mod-97 for IBANs), so look-alikes stay readable. Immutable.
 *
 * @param label the name masks show, e.g. {@code EMAIL} in {@code <EMAIL>}
 */
record Detector(String label, Pattern pattern, int group, Predicate<String> valid) {
  /** The built-in detectors by the name {@code redact}'s {@code detectors} option uses, in priority order. */
  static final Map<String, Detector> BUILT_IN = builtIn();

  private static Map<String, Detector> builtIn() {
    String octet = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    List<Map.Entry<String, Detector>> detectors = List.of(
        Map.entry("jwt", new Detector("JWT",
            Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"), 0, any())),
        Map.entry("bearer", new Detector("BEARER_TOKEN",
            Pattern.compile("\\b[Bb]earer\\s+([A-Za-z0-9._~+/-]{8,}=*)"), 1, any())),
        Map.entry("email", new Detector("EMAIL",
            Pattern.compile("(?<![\\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b"), 0, any())),
        Map.entry("iban", new Detector("IBAN",
            Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b"), 0,
            candidate -> Checksums.iban(candidate.replace(" ", "")))),
        Map.entry("credit_card", new Detector("CREDIT_CARD",
            Pattern.compile("(?<![\\d.-])[2-6]\\d{3}(?:[ -]?\\d){9,15}(?![\\d-]|\\.\\d)"), 0,
            candidate -> Checksums.luhn(candidate.replaceAll("[ -]", "")))),
        Map.entry("ipv6", new Detector("IPV6",
            Pattern.compile("(?<![\\w:.])(?=[0-9A-Fa-f:]*[0-9A-Fa-f])(?=[0-9A-Fa-f]*:[0-9A-Fa-f]*:)[0-9A-Fa-f:]{2,39}"
                + "(?:(?<=:)" + octet + "(?:\\." + octet + "){3})?(?![\\w:]|\\.\\d)"), 0, Detector::isIpv6)),
        Map.entry("ipv4", new Detector("IPV4",
            Pattern.compile("(?<![\\w.])" + octet + "(?:\\." + octet + "){3}(?![\\w]|\\.\\d)"), 0, any())));
    return detectors.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue,
        (a, b) -> a, LinkedHashMap::new));
  }

  private static Predicate<String> any() {
    return candidate -> true;
  }

  /**
   * Whether {@code candidate} (hex groups and colons, maybe an IPv4 tail) is an IPv6 address: eight
   * groups of 1-4 hex digits, or fewer with one {@code ::}; so times ({@code 12:30:45}) and MAC
   * addresses are not.
   */
  static boolean isIpv6(String candidate) {
    String address = candidate;
    int groupsNeeded = 8;
    if (address.indexOf('.') >= 0) {
      address = address.substring(0, address.lastIndexOf(':') + 1) + "0";
      groupsNeeded = 7;
    }
    int elision = address.indexOf("::");
    if (elision != address.lastIndexOf("::") || address.contains(":::")) {
      return false;
    }
    String explicit = elision < 0 ? address : address.substring(0, elision) + ":" + address.substring(elision + 2);
    if (explicit.startsWith(":") && elision != 0) {
      return false;
    }
    List<String> groups = Pattern.compile(":").splitAsStream(explicit).filter(group -> !group.isEmpty()).toList();
    if (groups.stream().anyMatch(group -> group.length() > 4)) {
      return false;
    }
    if (address.endsWith(":") && !address.endsWith("::")) {
      return false;
    }
    return elision < 0 ? groups.size() == groupsNeeded : groups.size() < groupsNeeded;
  }
}

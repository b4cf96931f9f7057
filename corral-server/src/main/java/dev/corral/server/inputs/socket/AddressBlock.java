package dev.corral.server.inputs.socket;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One block of IP addresses, IPv4 or IPv6: a network address and how many leading bits of it an
 * address must share ({@code 10.0.0.0/8}, {@code fd00::/8}; a single address is a block of 32 or
 * 128 bits). Parsed strictly from literals: never a host name (no DNS lookup), only dotted-quad
 * IPv4 without leading zeros (no {@code 10.1} or octal {@code 010.0.0.1}), IPv6 without a zone,
 * and a network whose bits past the prefix are zero. An IPv4-mapped IPv6 address
 * ({@code ::ffff:10.0.0.1}) is the IPv4 address it maps, as a block and as a source. Immutable.
 *
 * @param network the network's address bytes (4 or 16), bits past the prefix zero
 * @param prefixLength leading bits that must match, 0..32 for IPv4, 0..128 for IPv6
 */
public record AddressBlock(byte[] network, int prefixLength) {
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern ZERO_RUN = Pattern.compile("(^|:)(0(:0)+)(:|$)");
  private static final Pattern PREFIX = Pattern.compile("0|[1-9]\\d{0,2}");
  /** Bytes of an IPv6 address before the IPv4 address it maps: ten zeros, then 0xff 0xff. */
  private static final int MAPPED_PREFIX_BYTES = 12;

  public AddressBlock {
    network = network.clone();
    if (network.length != 4 && network.length != 16) {
      throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + network.length);
    }
    if (prefixLength < 0 || prefixLength > network.length * 8) {
      throw new IllegalArgumentException("prefix /" + prefixLength + " is outside 0.." + network.length * 8);
    }
    if (!Arrays.equals(masked(network, prefixLength), network)) {
      throw new IllegalArgumentException("a network address has no bits set past its /" + prefixLength + " prefix");
    }
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  /**
   * Parses {@code 10.0.0.0/8}, {@code 192.168.1.20}, {@code ::1}, {@code fd00::/8} or
   * {@code ::ffff:10.0.0.0/104}.
   *
   * @throws IllegalArgumentException saying what is wrong with {@code text}
   */
  public static AddressBlock parse(String text) {
    String entry = text.strip();
    int slash = entry.indexOf('/');
    String address = slash < 0 ? entry : entry.substring(0, slash);
    byte[] bytes = literal(address);
    boolean mapped = bytes.length == 4 && address.contains(":");
    int bits = bytes.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String length = entry.substring(slash + 1);
      if (!PREFIX.matcher(length).matches()) {
        throw new IllegalArgumentException("'" + entry + "' has no valid prefix length after the '/' (a number "
            + "without leading zeros, e.g. 10.0.0.0/8)");
      }
      prefix = Integer.parseInt(length) - (mapped ? MAPPED_PREFIX_BYTES * 8 : 0);
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("'" + entry + "' has prefix /" + length + "; " + (mapped
            ? "an IPv4-mapped block takes /96../128" : bits == 32 ? "an IPv4 prefix is 0..32" : "an IPv6 prefix is 0..128"));
      }
    }
    byte[] network = masked(bytes, prefix);
    if (!Arrays.equals(network, bytes)) {
      throw new IllegalArgumentException("'" + entry + "' sets bits past its prefix; did you mean "
          + new AddressBlock(network, prefix) + "?");
    }
    return new AddressBlock(bytes, prefix);
  }

  /** The bytes of an IP literal, 4 for IPv4 and IPv4-mapped IPv6, 16 for other IPv6. */
  private static byte[] literal(String address) {
    boolean ipv6 = address.contains(":");
    if (!(ipv6 ? IPV6 : IPV4).matcher(address).matches()) {
      throw new IllegalArgumentException("'" + address + "' is not an IPv4 address (four numbers 0-255: 10.0.0.1) "
          + "or an IPv6 address (fd00::1); host names are not accepted");
    }
    try {
      // a literal that passed the patterns above is parsed, never looked up
      return canonical(InetAddress.getByName(address).getAddress());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + address + "' is not an IP address: " + e.getMessage());
    }
  }

  /** The address's bytes, an IPv4-mapped IPv6 address as its 4 IPv4 bytes. */
  static byte[] canonical(byte[] address) {
    if (address.length != 16) {
      return address;
    }
    for (int i = 0; i < 10; i++) {
      if (address[i] != 0) {
        return address;
      }
    }
    if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
      return address;
    }
    return Arrays.copyOfRange(address, MAPPED_PREFIX_BYTES, 16);
  }

  /** Whether {@code address} (IPv4-mapped IPv6 read as IPv4) lies in this block. */
  public boolean contains(InetAddress address) {
    byte[] bytes = canonical(address.getAddress());
    if (bytes.length != network.length) {
      return false;
    }
    int whole = prefixLength / 8;
    for (int i = 0; i < whole; i++) {
      if (bytes[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    int mask = (0xff << (8 - rest)) & 0xff;
    return rest == 0 || (bytes[whole] & mask) == (network[whole] & mask);
  }

  /** {@code address} with every bit past the first {@code prefixLength} cleared. */
  private static byte[] masked(byte[] address, int prefixLength) {
    byte[] masked = new byte[address.length];
    for (int bit = 0; bit < prefixLength; bit += 8) {
      int keep = Math.min(8, prefixLength - bit);
      masked[bit / 8] = (byte) (address[bit / 8] & (0xff << (8 - keep)));
    }
    return masked;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AddressBlock block && block.prefixLength == prefixLength
        && Arrays.equals(block.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixLength;
  }

  /** {@code 10.0.0.0/8}, {@code ::1}: the address alone for a single address. */
  @Override
  public String toString() {
    String address;
    try {
      address = InetAddress.getByAddress(network).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("BUG: " + network.length + " bytes are an address", e);
    }
    if (network.length == 16) {
      address = compress(address);
    }
    return prefixLength == network.length * 8 ? address : address + "/" + prefixLength;
  }

  /** Java writes {@code 0:0:0:0:0:0:0:1}; people write {@code ::1}. */
  private static String compress(String full) {
    String best = null;
    Matcher zeros = ZERO_RUN.matcher(full);
    int longest = 0;
    while (zeros.find()) {
      if (zeros.group(2).length() > longest) {
        longest = zeros.group(2).length();
        best = full.substring(0, zeros.start()) + "::" + full.substring(zeros.end());
      }
    }
    return best == null ? full : best;
  }
}

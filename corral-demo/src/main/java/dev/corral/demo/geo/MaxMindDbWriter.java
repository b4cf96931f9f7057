package dev.corral.demo.geo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small MaxMind DB files (format 2.0, https://maxmind.github.io/MaxMind-DB/) for tests, benchmarks
 * and the demo, so the geoip processor runs on MaxMind's real reader without shipping a database:
 *
 * <ol>
 *   <li>the search tree: an IPv6 binary trie, one node per bit, each node two 24-bit big-endian
 *       records (bit 0, bit 1); a record below the node count points to a node, equal to it means
 *       "no data", above it points into the data section ({@code node count + 16 + offset});
 *       IPv4 networks sit under {@code ::/96};
 *   <li>16 zero bytes, then the data section: each record once, in the format's typed encoding;
 *   <li>{@code \xAB\xCD\xEFMaxMind.com}, then the metadata map.
 * </ol>
 *
 * Value types: {@code String} utf8_string, {@code Double} double, {@code Integer} uint16,
 * {@code Long} uint32, {@code BigInteger} uint64, {@code Boolean} boolean, {@code Map} map (string
 * keys), {@code List} array. Networks must not overlap. Not thread-safe.
 */
public final class MaxMindDbWriter {
  private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
      'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};
  private static final int DATA_SECTION_SEPARATOR = 16;
  private static final int RECORD_BYTES = 3;

  private static final class Node {
    final Object[] slots = new Object[2];
  }

  private final String databaseType;
  private final Node root = new Node();
  private final List<Map<String, Object>> records = new ArrayList<>();

  public MaxMindDbWriter(String databaseType) {
    this.databaseType = databaseType;
  }

  /** Maps the network {@code cidr} ({@code 81.2.69.0/24}, {@code 2001:db8::/32}) to {@code record}. */
  public MaxMindDbWriter insert(String cidr, Map<String, Object> record) throws IOException {
    String[] parts = cidr.split("/");
    byte[] address = InetAddress.getByName(parts[0]).getAddress();
    int prefix = Integer.parseInt(parts[1]);
    byte[] ipv6 = new byte[16];
    if (address.length == 4) {
      System.arraycopy(address, 0, ipv6, 12, 4);
      prefix += 96;
    } else {
      ipv6 = address;
    }
    int data = records.size();
    records.add(record);
    Node node = root;
    for (int bit = 0; bit < prefix; bit++) {
      int side = (ipv6[bit / 8] >> (7 - bit % 8)) & 1;
      if (bit == prefix - 1) {
        node.slots[side] = data;
      } else {
        if (!(node.slots[side] instanceof Node)) {
          node.slots[side] = new Node();
        }
        node = (Node) node.slots[side];
      }
    }
    return this;
  }

  /** The database file's bytes. */
  public byte[] toBytes() {
    List<Node> nodes = new ArrayList<>();
    Map<Node, Integer> numbers = new IdentityHashMap<>();
    ArrayDeque<Node> queue = new ArrayDeque<>(List.of(root));
    while (!queue.isEmpty()) {
      Node node = queue.removeFirst();
      numbers.put(node, nodes.size());
      nodes.add(node);
      for (Object slot : node.slots) {
        if (slot instanceof Node child) {
          queue.addLast(child);
        }
      }
    }
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    int[] offsets = new int[records.size()];
    for (int i = 0; i < records.size(); i++) {
      offsets[i] = data.size();
      encode(data, records.get(i));
    }
    long nodeCount = nodes.size();
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    for (Node node : nodes) {
      for (Object slot : node.slots) {
        long record = switch (slot) {
          case null -> nodeCount;
          case Node child -> numbers.get(child);
          case Integer index -> nodeCount + DATA_SECTION_SEPARATOR + offsets[index];
          default -> throw new IllegalStateException("BUG: slot " + slot);
        };
        for (int shift = 8 * (RECORD_BYTES - 1); shift >= 0; shift -= 8) {
          file.write((int) (record >> shift) & 0xFF);
        }
      }
    }
    file.writeBytes(new byte[DATA_SECTION_SEPARATOR]);
    file.writeBytes(data.toByteArray());
    file.writeBytes(METADATA_MARKER);
    encode(file, Map.of(
        "node_count", nodeCount,
        "record_size", RECORD_BYTES * 8,
        "ip_version", 6,
        "database_type", databaseType,
        "languages", List.of("en"),
        "binary_format_major_version", 2,
        "binary_format_minor_version", 0,
        "build_epoch", BigInteger.valueOf(1_700_000_000L),
        "description", Map.of("en", "Corral test database " + databaseType)));
    return file.toByteArray();
  }

  /** Writes the database to {@code file}. */
  public Path write(Path file) throws IOException {
    Files.write(file, toBytes());
    return file;
  }

  private static void encode(ByteArrayOutputStream out, Object value) {
    switch (value) {
      case String text -> {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        control(out, 2, utf8.length);
        out.writeBytes(utf8);
      }
      case Double number -> {
        control(out, 3, 8);
        long bits = Double.doubleToLongBits(number);
        for (int shift = 56; shift >= 0; shift -= 8) {
          out.write((int) (bits >> shift) & 0xFF);
        }
      }
      case Integer number -> unsigned(out, 5, BigInteger.valueOf(number));
      case Long number -> unsigned(out, 6, BigInteger.valueOf(number));
      case BigInteger number -> unsigned(out, 9, number);
      case Boolean flag -> control(out, 14, flag ? 1 : 0);
      case Map<?, ?> map -> {
        control(out, 7, map.size());
        map.forEach((key, item) -> {
          encode(out, (String) key);
          encode(out, item);
        });
      }
      case List<?> list -> {
        control(out, 11, list.size());
        list.forEach(item -> encode(out, item));
      }
      default -> throw new IllegalArgumentException("no MaxMind DB type for " + value.getClass());
    }
  }

  private static void unsigned(ByteArrayOutputStream out, int type, BigInteger number) {
    byte[] bytes = number.toByteArray();
    int start = 0;
    while (start < bytes.length && bytes[start] == 0) {
      start++;
    }
    control(out, type, bytes.length - start);
    out.write(bytes, start, bytes.length - start);
  }

  /** The control byte (type in the top 3 bits, 0 and an extra byte for types over 7) and the size. */
  private static void control(ByteArrayOutputStream out, int type, int size) {
    int first = (type <= 7 ? type : 0) << 5;
    byte[] extra;
    if (size < 29) {
      first |= size;
      extra = new byte[0];
    } else if (size < 29 + 256) {
      first |= 29;
      extra = new byte[] {(byte) (size - 29)};
    } else if (size < 285 + 65_536) {
      first |= 30;
      extra = new byte[] {(byte) ((size - 285) >> 8), (byte) (size - 285)};
    } else {
      first |= 31;
      int rest = size - 65_821;
      extra = new byte[] {(byte) (rest >> 16), (byte) (rest >> 8), (byte) rest};
    }
    out.write(first);
    if (type > 7) {
      out.write(type - 7);
    }
    out.writeBytes(extra);
  }
}

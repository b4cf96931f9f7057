package dev.corral.server.inputs.socket;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The source addresses a socket input admits: a list of {@link AddressBlock}s (IPv4 and IPv6, an
 * IPv4-mapped IPv6 source matching its IPv4 block), or everyone. A TCP listener closes a
 * connection from any other source at accept, before reading a byte; a UDP listener drops its
 * datagrams before decoding them. Immutable and thread-safe; {@link #admits} allocates nothing
 * beyond the address's bytes, so a flood costs no memory.
 */
public final class SourceAllowlist {
  /** Every source: socket inputs without access control, as before allowlists existed. */
  public static final SourceAllowlist EVERYONE = new SourceAllowlist(null);
  /** This machine only: 127.0.0.0/8 and ::1, the default when API keys are required. */
  public static final SourceAllowlist LOOPBACK = new SourceAllowlist(List.of(AddressBlock.parse("127.0.0.0/8"),
      AddressBlock.parse("::1")));

  /** null for everyone. */
  private final List<AddressBlock> blocks;

  private SourceAllowlist(List<AddressBlock> blocks) {
    this.blocks = blocks == null ? null : List.copyOf(blocks);
  }

  /** An allowlist of exactly these blocks (none: nobody is admitted). */
  public static SourceAllowlist of(List<AddressBlock> blocks) {
    return new SourceAllowlist(blocks);
  }

  /**
   * Parses every entry ({@code 10.0.0.0/8}, {@code 192.168.1.20}, {@code ::1}, {@code fd00::/8}).
   *
   * @throws IllegalArgumentException naming the first entry that is not an address or block, and why
   */
  public static SourceAllowlist parse(List<String> entries) {
    List<AddressBlock> blocks = new ArrayList<>(entries.size());
    for (String entry : entries) {
      blocks.add(AddressBlock.parse(entry));
    }
    return of(blocks);
  }

  /** Whether a connection or datagram from {@code source} is let in. */
  public boolean admits(InetAddress source) {
    if (blocks == null) {
      return true;
    }
    for (AddressBlock block : blocks) {
      if (block.contains(source)) {
        return true;
      }
    }
    return false;
  }

  /** Whether every source is admitted. */
  public boolean admitsEveryone() {
    return blocks == null;
  }

  /** The blocks; empty for {@link #EVERYONE} (see {@link #admitsEveryone()}). */
  public List<AddressBlock> blocks() {
    return blocks == null ? List.of() : blocks;
  }

  /** For logs and the stats: {@code any source}, {@code no source} or {@code 127.0.0.0/8,::1}. */
  @Override
  public String toString() {
    if (blocks == null) {
      return "any source";
    }
    return blocks.isEmpty() ? "no source" : blocks.stream().map(AddressBlock::toString).collect(Collectors.joining(","));
  }

  /** For the start-up log and the stats: {@code any source} or {@code sources 127.0.0.0/8,::1}. */
  public String describe() {
    return admitsEveryone() ? toString() : "sources " + this;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SourceAllowlist list && java.util.Objects.equals(list.blocks, blocks);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hashCode(blocks);
  }
}

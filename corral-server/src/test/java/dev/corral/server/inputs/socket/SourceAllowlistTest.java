package dev.corral.server.inputs.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The allowlist's matcher: IPv4, IPv6, IPv4-mapped IPv6, prefix edges, and strict parsing. */
class SourceAllowlistTest {
  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByName(literal);
  }

  /** An IPv4-mapped IPv6 address kept as an Inet6Address, as a socket of an IPv6 stack may hand it over. */
  private static InetAddress mapped(int a, int b, int c, int d) throws Exception {
    byte[] bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) a, (byte) b, (byte) c, (byte) d};
    return Inet6Address.getByAddress(null, bytes, -1);
  }

  @Test
  void ipv4BlocksAndSingleAddressesMatchOnTheirPrefixBitsOnly() throws Exception {
    SourceAllowlist list = SourceAllowlist.parse(List.of("10.0.0.0/8", "192.168.1.20", "172.16.0.0/12", "100.64.0.0/10"));
    assertThat(list.admits(ip("10.0.0.1"))).isTrue();
    assertThat(list.admits(ip("10.255.255.255"))).isTrue();
    assertThat(list.admits(ip("11.0.0.0"))).isFalse();
    assertThat(list.admits(ip("9.255.255.255"))).isFalse();
    assertThat(list.admits(ip("192.168.1.20"))).isTrue();
    assertThat(list.admits(ip("192.168.1.21"))).isFalse();
    assertThat(list.admits(ip("172.31.255.255"))).as("last of /12").isTrue();
    assertThat(list.admits(ip("172.32.0.0"))).as("first past /12").isFalse();
    assertThat(list.admits(ip("100.127.0.1"))).as("a prefix that is not a whole byte").isTrue();
    assertThat(list.admits(ip("100.128.0.1"))).isFalse();
    assertThat(list.admits(ip("127.0.0.1"))).isFalse();
    assertThat(list.admits(ip("::1"))).as("an IPv6 source never matches an IPv4 block").isFalse();
  }

  @Test
  void ipv6BlocksMatchIpv6SourcesAndNeverIpv4Ones() throws Exception {
    SourceAllowlist list = SourceAllowlist.parse(List.of("fd00::/8", "2001:db8:1::/48", "::1"));
    assertThat(list.admits(ip("fd12:3456::1"))).isTrue();
    assertThat(list.admits(ip("fe00::1"))).isFalse();
    assertThat(list.admits(ip("2001:db8:1:ffff::9"))).isTrue();
    assertThat(list.admits(ip("2001:db8:2::1"))).isFalse();
    assertThat(list.admits(ip("::1"))).isTrue();
    assertThat(list.admits(ip("::2"))).isFalse();
    assertThat(list.admits(ip("127.0.0.1"))).isFalse();
    assertThat(SourceAllowlist.parse(List.of("::/0")).admits(ip("2001:db8::1"))).isTrue();
    assertThat(SourceAllowlist.parse(List.of("::/0")).admits(ip("10.0.0.1"))).as("::/0 is every IPv6 address").isFalse();
  }

  @Test
  void ipv4MappedIpv6SourcesAndBlocksAreTheIpv4TheyMap() throws Exception {
    SourceAllowlist ipv4 = SourceAllowlist.parse(List.of("10.0.0.0/8"));
    assertThat(mapped(10, 0, 0, 1)).isInstanceOf(Inet6Address.class);
    assertThat(ipv4.admits(mapped(10, 0, 0, 1))).isTrue();
    assertThat(ipv4.admits(mapped(11, 0, 0, 1))).isFalse();
    assertThat(ipv4.admits(ip("::ffff:10.9.8.7"))).isTrue();

    SourceAllowlist mappedBlock = SourceAllowlist.parse(List.of("::ffff:192.168.0.0/112", "::ffff:10.0.0.5"));
    assertThat(mappedBlock.blocks()).extracting(AddressBlock::toString).containsExactly("192.168.0.0/16", "10.0.0.5");
    assertThat(mappedBlock.admits(ip("192.168.7.7"))).isTrue();
    assertThat(mappedBlock.admits(mapped(192, 168, 7, 7))).isTrue();
    assertThat(mappedBlock.admits(ip("10.0.0.5"))).isTrue();
    assertThat(mappedBlock.admits(ip("192.169.0.1"))).isFalse();
    assertThat(SourceAllowlist.parse(List.of("::/96")).admits(ip("10.0.0.1")))
        .as("the IPv4-compatible block ::/96 is IPv6, not every IPv4 address").isFalse();
  }

  @Test
  void loopbackIsBothFamiliesAndEveryoneIsEveryone() throws Exception {
    assertThat(SourceAllowlist.LOOPBACK.admits(ip("127.0.0.1"))).isTrue();
    assertThat(SourceAllowlist.LOOPBACK.admits(ip("127.8.9.10"))).isTrue();
    assertThat(SourceAllowlist.LOOPBACK.admits(ip("::1"))).isTrue();
    assertThat(SourceAllowlist.LOOPBACK.admits(mapped(127, 0, 0, 1))).isTrue();
    assertThat(SourceAllowlist.LOOPBACK.admits(ip("10.0.0.1"))).isFalse();
    assertThat(SourceAllowlist.LOOPBACK.toString()).isEqualTo("127.0.0.0/8,::1");
    assertThat(SourceAllowlist.EVERYONE.admits(ip("203.0.113.9"))).isTrue();
    assertThat(SourceAllowlist.EVERYONE.admitsEveryone()).isTrue();
    assertThat(SourceAllowlist.EVERYONE.toString()).isEqualTo("any source");
    assertThat(SourceAllowlist.parse(List.of("0.0.0.0/0")).admits(ip("203.0.113.9"))).isTrue();
  }

  @Test
  void entriesAreWrittenBackInTheirShortForm() {
    assertThat(SourceAllowlist.parse(List.of(" 10.0.0.0/8 ", "fd00:0:0::/16", "2001:DB8::1", "::")).toString())
        .isEqualTo("10.0.0.0/8,fd00::/16,2001:db8::1,::");
  }

  @Test
  void containsAgreesWithPrefixArithmeticOnRandomAddressesAndBlocks() throws Exception {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println("SourceAllowlistTest seed: -Dtests.seed=" + seed);
    Random random = new Random(seed);
    for (int i = 0; i < 20_000; i++) {
      int length = random.nextBoolean() ? 4 : 16;
      byte[] source = new byte[length];
      random.nextBytes(source);
      byte[] network = source.clone();
      int prefix = random.nextInt(length * 8 + 1);
      if (random.nextBoolean()) {
        network[random.nextInt(length)] ^= (byte) (1 << random.nextInt(8)); // one bit off: in or out, by the prefix
      }
      BigInteger wanted = new BigInteger(1, network).shiftRight(length * 8 - prefix);
      BigInteger block = new BigInteger(1, network).shiftRight(length * 8 - prefix).shiftLeft(length * 8 - prefix);
      byte[] blockBytes = new byte[length];
      byte[] raw = block.toByteArray();
      int copy = Math.min(raw.length, length);
      System.arraycopy(raw, raw.length - copy, blockBytes, length - copy, copy);
      AddressBlock candidate = new AddressBlock(blockBytes, prefix);
      InetAddress address = InetAddress.getByAddress(source);
      boolean expected = new BigInteger(1, source).shiftRight(length * 8 - prefix).equals(wanted)
          && (length == 16) == (address.getAddress().length == 16);
      assertThat(candidate.contains(address)).as("seed %d: %s in %s", seed, address, candidate).isEqualTo(expected);
    }
  }

  @Test
  void anythingButAnAddressOrBlockIsRefusedNamingTheEntry() {
    for (String bad : List.of("localhost", "example.com", "10.1", "10.0.0", "010.0.0.1", "256.0.0.1", "10.0.0.1.2",
        "1.2.3.4 5", "", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/08", "10.0.0.0/8/8", "fd00::/129",
        "1::2::3", "fe80::1%eth0", "[::1]", "::ffff:10.0.0.0/95", "0x0a000001", "10.0.0.0/a")) {
      assertThatThrownBy(() -> SourceAllowlist.parse(List.of("127.0.0.1", bad))).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + bad.strip());
    }
    assertThatThrownBy(() -> AddressBlock.parse("10.1.2.3/8")).hasMessageContaining("did you mean 10.0.0.0/8?");
    assertThatThrownBy(() -> AddressBlock.parse("fd00::1/8")).hasMessageContaining("did you mean fd00::/8?");
  }
}

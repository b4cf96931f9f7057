package dev.corral.server.alerts.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Names one alert instance: a rule and one group (the values of its {@code by} columns). Two
 * observations with the same group are the same instance, whatever the order of their columns.
 *
 * @param rule the rule's name
 * @param group the group values, sorted by column; empty for a rule with one instance
 */
public record InstanceKey(String rule, SortedMap<String, String> group) {
  /** Characters of the SHA-256 kept in a dedup key: 64 bits, no collision among a server's instances. */
  private static final int DEDUP_HEX_CHARS = 16;

  public InstanceKey {
    Objects.requireNonNull(rule, "rule");
    group = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(group));
  }

  /** The key of {@code rule}'s instance for {@code group}. */
  public static InstanceKey of(String rule, Map<String, String> group) {
    return new InstanceKey(rule, new TreeMap<>(group));
  }

  /**
   * The dedup key receivers identify the instance by (PagerDuty's {@code dedup_key}, Alertmanager's
   * identity): {@code corral-<rule>-<16 hex of SHA-256 of rule and group>}. The same for the
   * instance's whole life and across restarts, since it is computed from the key alone.
   */
  public String dedupKey() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(rule.getBytes(StandardCharsets.UTF_8));
      group.forEach((column, value) -> {
        sha.update((byte) 0);
        sha.update(column.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '=');
        sha.update(value.getBytes(StandardCharsets.UTF_8));
      });
      return "corral-" + rule + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, DEDUP_HEX_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("BUG: every JVM has SHA-256", e);
    }
  }

  /** The group as text, {@code service=payment-gateway, region=eu}; empty for no group. */
  public String groupText() {
    StringBuilder text = new StringBuilder();
    group.forEach((column, value) -> text.append(text.isEmpty() ? "" : ", ").append(column).append('=').append(value));
    return text.toString();
  }

  @Override
  public String toString() {
    return group.isEmpty() ? rule : rule + "{" + groupText() + "}";
  }
}

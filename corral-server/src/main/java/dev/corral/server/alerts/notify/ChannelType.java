package dev.corral.server.alerts.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of channel {@code channels.yaml} may name with {@code type:}. */
enum ChannelType {
  WEBHOOK, SLACK, PAGERDUTY, EMAIL, ALERTMANAGER;

  /** The name used in {@code channels.yaml} and the API, e.g. {@code pagerduty}. */
  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type {@code name} names, case-insensitively. */
  static ChannelType fromWireName(String name) {
    for (ChannelType type : values()) {
      if (type.wireName().equalsIgnoreCase(name.trim())) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown type '" + name + "': expected one of " + Arrays.stream(values())
        .map(ChannelType::wireName).collect(Collectors.joining(", ")));
  }
}

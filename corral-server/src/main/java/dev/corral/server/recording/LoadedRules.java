package dev.corral.server.recording;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one read of the rule directory gave: the usable rules in file-name order, and each refused file
 * with its reason. A value.
 *
 * @param fingerprint what the files looked like when read ({@link RuleDirectory#fingerprint()})
 */
record LoadedRules(List<RecordingRule> rules, List<RefusedFile> refused, Map<String, String> fingerprint,
    Instant loadedAt) {
  /** Nothing loaded yet. */
  static final LoadedRules NONE = new LoadedRules(List.of(), List.of(), Map.of(), Instant.EPOCH);

  LoadedRules {
    rules = List.copyOf(rules);
    refused = List.copyOf(refused);
    fingerprint = Map.copyOf(fingerprint);
  }

  /** A rule file that could not be used, and why (with the field and, for a query, its caret line). */
  record RefusedFile(String file, String error) {}
}

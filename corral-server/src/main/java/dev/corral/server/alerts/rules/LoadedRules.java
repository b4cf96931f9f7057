package dev.corral.server.alerts.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One load of the alerts directory: every rule file with its rule or its refusal, the rules by name,
 * the channels.yaml problem if any and the fingerprint that was read. Immutable.
 *
 * @param channelsProblem why channels.yaml did not read, or null
 */
record LoadedRules(List<RuleFile> files, Map<String, CompiledRule> rules, String channelsProblem,
    Map<String, String> fingerprint, Instant loadedAt) {
  LoadedRules {
    files = List.copyOf(files);
    rules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    fingerprint = Map.copyOf(fingerprint);
  }

  static LoadedRules empty() {
    return new LoadedRules(List.of(), Map.of(), null, Map.of(), Instant.EPOCH);
  }

  /**
   * Validates each read file against the channel names: one that does not read, or whose rule name
   * an earlier file (in name order) already took, is refused alone.
   */
  static LoadedRules build(List<RuleDirectory.Read> reads, ChannelNames.Read channels, Map<String, String> fingerprint) {
    List<RuleFile> files = new ArrayList<>();
    Map<String, CompiledRule> rules = new LinkedHashMap<>();
    Map<String, String> fileOfName = new HashMap<>();
    for (RuleDirectory.Read read : reads) {
      files.add(validate(read, channels.names(), rules, fileOfName));
    }
    return new LoadedRules(files, rules, channels.problem(), fingerprint, Instant.now());
  }

  private static RuleFile validate(RuleDirectory.Read read, Set<String> channels, Map<String, CompiledRule> rules,
      Map<String, String> fileOfName) {
    if (read.error() != null) {
      return new RuleFile(read.name(), read.text(), null, read.error());
    }
    CompiledRule rule;
    try {
      rule = RuleReader.read(read.name(), read.text(), channels);
    } catch (InvalidRuleException e) {
      return new RuleFile(read.name(), read.text(), null, e.getMessage());
    }
    String name = rule.rule().name();
    if (fileOfName.containsKey(name)) {
      return new RuleFile(read.name(), read.text(), null, read.name() + ": rule name '" + name
          + "' is already defined by " + fileOfName.get(name) + "; names are unique across the rule files");
    }
    fileOfName.put(name, read.name());
    rules.put(name, rule);
    return new RuleFile(read.name(), read.text(), rule, null);
  }

  /** The refused files. */
  List<RuleFile> refused() {
    return files.stream().filter(file -> file.error() != null).toList();
  }

  /** The file that defines the rule {@code name}, else a refused file of that stem (meant to define it). */
  Optional<RuleFile> fileOf(String name) {
    return files.stream().filter(file -> file.rule() != null && file.rule().rule().name().equals(name)).findFirst()
        .or(() -> files.stream().filter(file -> file.rule() == null && file.stem().equals(name)).findFirst());
  }
}

package dev.corral.model.normalize;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which foreign field names mean which canonical field: {@code @timestamp} is {@code timestamp},
 * {@code levelname} is {@code level}, {@code Additional.*} is {@code context.*}. The table is
 * configuration: the defaults live in the resource {@code dev/corral/model/aliases.yaml}, which
 * documents the matching rules and every entry; users merge their own file over it.
 *
 * <p>Matching is on the flattened dotted name and ignores case. A canonical name matches itself.
 * An alias ending in {@code .*} renames a subtree: the name itself and every name under it.
 * Exact aliases win over subtree aliases, longer subtree aliases over shorter ones.
 *
 * <p>Immutable and thread-safe. {@link #resolve} remembers its recent answers in a small
 * fixed-size table (the names of one shape recur in every event), so a repeated name costs one
 * comparison instead of a lower-casing and a map lookup.
 */
public final class AliasTable {
  /** The resource holding the default table. */
  public static final String DEFAULT_RESOURCE = "/dev/corral/model/aliases.yaml";

  private static final String SUBTREE_SUFFIX = ".*";
  private static final YAMLFactory YAML = new YAMLFactory();
  private static volatile AliasTable defaults;
  /** Slots of the table of recent answers (a power of two): more than the names a fleet uses. */
  private static final int RECENT_SLOTS = 2048;
  /** Longest name remembered: bounds what the table of recent answers holds on to. */
  private static final int MAX_RECENT_CHARS = 96;

  /** Canonical name to its aliases as configured (subtree aliases keep their {@code .*}). */
  private final Map<String, List<String>> entries;
  /** Lower-cased exact alias (and canonical name) to canonical name. */
  private final HashMap<String, String> exact;
  /** Lower-cased subtree prefixes (without {@code .*}), longest first. */
  private final String[] prefixes;
  private final String[] prefixTargets;
  /**
   * Recent answers, a slot per name hash, each the last name that hashed there. Written and read
   * without locks: an entry is immutable and its reference is written at once, so a racing thread
   * may miss an answer and compute it again, never see a torn one.
   */
  private final Resolution[] recent = new Resolution[RECENT_SLOTS];

  private AliasTable(Map<String, List<String>> entries) {
    this.entries = copy(entries);
    this.exact = new HashMap<>();
    Map<String, String> subtrees = new HashMap<>();
    // Canonical names match themselves unless some entry claims them as an alias.
    for (String canonical : this.entries.keySet()) {
      exact.put(canonical.toLowerCase(Locale.ROOT), canonical);
    }
    for (Map.Entry<String, List<String>> entry : this.entries.entrySet()) {
      for (String alias : entry.getValue()) {
        String lower = alias.toLowerCase(Locale.ROOT);
        if (lower.endsWith(SUBTREE_SUFFIX)) {
          String prefix = lower.substring(0, lower.length() - SUBTREE_SUFFIX.length());
          subtrees.put(prefix, entry.getKey());
          exact.put(prefix, entry.getKey());
        } else {
          exact.put(lower, entry.getKey());
        }
      }
    }
    List<String> sorted = new ArrayList<>(subtrees.keySet());
    sorted.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
    this.prefixes = sorted.toArray(String[]::new);
    this.prefixTargets = sorted.stream().map(subtrees::get).toArray(String[]::new);
  }

  /** The built-in table from {@link #DEFAULT_RESOURCE}, loaded once. */
  public static AliasTable defaults() {
    AliasTable table = defaults;
    if (table == null) {
      try (InputStream in = AliasTable.class.getResourceAsStream(DEFAULT_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("BUG: resource " + DEFAULT_RESOURCE + " is missing from the jar");
        }
        table = new AliasTable(read(in, DEFAULT_RESOURCE));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
      }
      defaults = table;
    }
    return table;
  }

  /**
   * The defaults with a user YAML file merged over them (same format as the defaults).
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when the file is not a map of names to lists of names, or
   *     lists one alias under two canonical names; the message names the file and line
   */
  public static AliasTable load(Path yaml) throws IOException {
    try (InputStream in = Files.newInputStream(yaml)) {
      return defaults().mergedWith(read(in, yaml.toString()));
    }
  }

  /**
   * Exactly this table, without the defaults.
   *
   * @throws IllegalArgumentException when an alias is empty or listed under two canonical names
   */
  public static AliasTable of(Map<String, List<String>> table) {
    validate(table, "the given table");
    return new AliasTable(table);
  }

  /**
   * This table with {@code overrides} merged over it: their aliases are added, and an alias they
   * list is taken away from the canonical name it had here.
   */
  public AliasTable mergedWith(Map<String, List<String>> overrides) {
    validate(overrides, "the overrides");
    Map<String, List<String>> merged = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> entry : entries.entrySet()) {
      merged.put(entry.getKey(), new ArrayList<>(entry.getValue()));
    }
    for (List<String> aliases : overrides.values()) {
      for (String alias : aliases) {
        merged.values().forEach(list -> list.removeIf(a -> a.equalsIgnoreCase(alias)));
      }
    }
    overrides.forEach((canonical, aliases) -> merged.computeIfAbsent(canonical, c -> new ArrayList<>()).addAll(aliases));
    return new AliasTable(merged);
  }

  /** Canonical name to aliases, as configured, in file order. */
  public Map<String, List<String>> entries() {
    return entries;
  }

  /**
   * The canonical name for a flattened field name, or {@code name} itself (the same instance)
   * when no alias applies.
   */
  public String resolve(String name) {
    int hash = name.hashCode();
    int slot = (hash ^ (hash >>> 16)) & (RECENT_SLOTS - 1);
    Resolution known = recent[slot];
    if (known != null && known.name.equals(name)) {
      return known.unchanged() ? name : known.canonical;
    }
    String canonical = lookUp(name);
    if (name.length() <= MAX_RECENT_CHARS) {
      recent[slot] = new Resolution(name, canonical);
    }
    return canonical;
  }

  /** {@link #resolve} without the table of recent answers. */
  private String lookUp(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    String canonical = exact.get(lower);
    if (canonical != null) {
      return canonical;
    }
    for (int i = 0; i < prefixes.length; i++) {
      String prefix = prefixes[i];
      int length = prefix.length();
      if (lower.length() > length && lower.charAt(length) == '.' && lower.startsWith(prefix)) {
        return prefixTargets[i] + name.substring(length);
      }
    }
    return name;
  }

  @Override
  public String toString() {
    return "AliasTable" + entries;
  }

  /** A remembered answer of {@link #resolve}. */
  private record Resolution(String name, String canonical) {
    /** Whether no alias applied: then the caller's own instance is the answer. */
    boolean unchanged() {
      return canonical == name;
    }
  }

  private static void validate(Map<String, List<String>> table, String place) {
    Map<String, String> owner = new HashMap<>();
    table.forEach((canonical, aliases) -> {
      if (canonical == null || canonical.isBlank()) {
        throw new IllegalArgumentException("empty canonical name in " + place);
      }
      Objects.requireNonNull(aliases, () -> "aliases of " + canonical + " in " + place);
      for (String alias : aliases) {
        if (alias == null || alias.isBlank() || alias.equals(SUBTREE_SUFFIX)) {
          throw new IllegalArgumentException("empty alias under '" + canonical + "' in " + place);
        }
        String previous = owner.put(alias.toLowerCase(Locale.ROOT), canonical);
        if (previous != null && !previous.equals(canonical)) {
          throw new IllegalArgumentException("alias '" + alias + "' is listed under both '" + previous
              + "' and '" + canonical + "' in " + place);
        }
      }
    });
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> table) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    table.forEach((canonical, aliases) -> copy.put(canonical, List.copyOf(aliases)));
    return java.util.Collections.unmodifiableMap(copy);
  }

  /** Reads {@code canonical: [alias, …]} YAML with the streaming parser (no data binding). */
  private static Map<String, List<String>> read(InputStream in, String place) throws IOException {
    Map<String, List<String>> table = new LinkedHashMap<>();
    try (JsonParser parser = YAML.createParser(in)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return table;
      }
      if (token != JsonToken.START_OBJECT) {
        throw invalid(parser, place, "expected a map of canonical names to lists of aliases");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String canonical = parser.currentName();
        List<String> aliases = table.computeIfAbsent(canonical, c -> new ArrayList<>());
        JsonToken value = parser.nextToken();
        if (value == JsonToken.START_ARRAY) {
          while ((value = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (!value.isScalarValue() || value == JsonToken.VALUE_NULL) {
              throw invalid(parser, place, "alias of '" + canonical + "' must be a name");
            }
            aliases.add(parser.getText());
          }
        } else if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
          aliases.add(parser.getText());
        } else if (value != JsonToken.VALUE_NULL) {
          throw invalid(parser, place, "aliases of '" + canonical + "' must be a list of names");
        }
      }
    }
    validate(table, place);
    return table;
  }

  private static IllegalArgumentException invalid(JsonParser parser, String place, String what) {
    return new IllegalArgumentException(what + " in " + place + " at line " + parser.currentTokenLocation().getLineNr());
  }
}

package dev.corral.server.recording;

import dev.corral.server.files.TextFileDirectory;
import dev.corral.server.files.UnreadableFileException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The directory of recording rules ({@code recording.dir}): every {@code *.yaml} and {@code *.yml}
 * file directly in it, one rule each, read in name order; files starting with a dot are ignored
 * (editors' and durable writers' temporary files). A file that does not read, or names a metric an
 * earlier file already names, is refused alone. At most {@value #MAX_RULES} rules are loaded. The
 * admin API writes {@code <name>.yaml}. Not thread-safe: its owner serializes reads and writes.
 */
final class RuleDirectory {
  /** Largest rule file: a rule is a few lines. */
  static final int MAX_FILE_BYTES = 64 * 1024;
  /** Most rules: each is a query every interval, and each exports up to its series cap. */
  static final int MAX_RULES = 500;

  private final TextFileDirectory files;

  RuleDirectory(Path directory) {
    this.files = new TextFileDirectory(directory, List.of(".yaml", ".yml"), MAX_FILE_BYTES);
  }

  Path path() {
    return files.path();
  }

  /** What identifies the directory's content cheaply: each rule file's name, size and modification time. */
  Map<String, String> fingerprint() throws IOException {
    return files.fingerprint();
  }

  /** Reads every rule file; a missing directory holds no rules. */
  LoadedRules read() throws IOException {
    Map<String, String> fingerprint = fingerprint();
    List<RecordingRule> rules = new ArrayList<>();
    List<LoadedRules.RefusedFile> refused = new ArrayList<>();
    Map<String, String> fileOfName = new HashMap<>();
    for (String file : files.names()) {
      try {
        RecordingRule rule = RuleReader.read(file, text(file));
        String earlier = fileOfName.putIfAbsent(rule.name(), file);
        if (earlier != null) {
          throw new InvalidRecordingRuleException(file, "name", "'" + rule.name() + "' is already the name of "
              + earlier + "; a metric has one rule");
        }
        if (rules.size() == MAX_RULES) {
          throw new InvalidRecordingRuleException(file, "", "more than " + MAX_RULES + " rules; this one is not loaded");
        }
        rules.add(rule);
      } catch (InvalidRecordingRuleException e) {
        refused.add(new LoadedRules.RefusedFile(file, e.getMessage()));
      } catch (NoSuchFileException e) {
        // deleted since the listing
      }
    }
    return new LoadedRules(rules, refused, fingerprint, Instant.now());
  }

  /**
   * Writes {@code text} as the rule file of {@code rule} ({@code <name>.yaml}), durably, replacing the
   * file that defined a rule of that name before (if it had another file name, that file is deleted).
   */
  void write(RecordingRule rule, String text) throws IOException {
    String file = rule.name() + ".yaml";
    files.write(file, text);
    for (String other : filesOf(rule.name())) {
      if (!other.equals(file)) {
        files.delete(other);
      }
    }
  }

  /** Deletes every file that defines a rule named {@code name}; whether there was one. */
  boolean delete(String name) throws IOException {
    boolean deleted = false;
    for (String file : filesOf(name)) {
      deleted |= files.delete(file);
    }
    return deleted;
  }

  /** The files whose rule is named {@code name} (valid or not, as long as the name reads). */
  private List<String> filesOf(String name) throws IOException {
    List<String> found = new ArrayList<>();
    for (String file : files.names()) {
      try {
        if (name.equals(RuleReader.nameIn(text(file)))) {
          found.add(file);
        }
      } catch (InvalidRecordingRuleException | NoSuchFileException e) {
        // unreadable: it names no rule
      }
    }
    return found;
  }

  private String text(String file) throws IOException, InvalidRecordingRuleException {
    try {
      return files.read(file);
    } catch (UnreadableFileException e) {
      throw new InvalidRecordingRuleException(file, "", e.getMessage());
    }
  }
}

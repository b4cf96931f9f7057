package dev.corral.server.alerts.rules;

import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of the alerts directory, loaded ({@link LoadedRules}), and the one way to change them:
 * {@link #put} and {@link #delete} write the directory durably, then reload; {@link #reloadIfChanged}
 * picks up files changed by hand (or by git). Each load builds a whole new set and swaps it in at
 * once; readers get one set or the other, never a mix. Changes are serialized; reads are lock-free.
 * Thread-safe.
 */
final class RuleLibrary {
  private static final Logger LOG = LoggerFactory.getLogger(RuleLibrary.class);

  private final RuleDirectory directory;
  private final Consumer<LoadedRules> onLoad;
  private volatile LoadedRules loaded = LoadedRules.empty();

  /** @param onLoad told of every set swapped in, in order, before the next load can start */
  RuleLibrary(RuleDirectory directory, Consumer<LoadedRules> onLoad) {
    this.directory = directory;
    this.onLoad = onLoad;
  }

  LoadedRules loaded() {
    return loaded;
  }

  RuleDirectory directory() {
    return directory;
  }

  /** Reads the directory again when a file was added, removed or changed since the last load. */
  synchronized void reloadIfChanged() throws IOException {
    if (!directory.fingerprint().equals(loaded.fingerprint())) {
      reload();
    }
  }

  /** Reads the directory and swaps in what it defines now; each refused file is logged with its reason. */
  synchronized void reload() throws IOException {
    Map<String, String> fingerprint = directory.fingerprint();
    LoadedRules next = LoadedRules.build(directory.read(), channels(), fingerprint);
    for (RuleFile refused : next.refused()) {
      LOG.atWarn().addKeyValue("dir", directory.path()).addKeyValue("reason", refused.error())
          .log("alert rule file refused; the other rules still load");
    }
    if (next.channelsProblem() != null) {
      LOG.atWarn().addKeyValue("dir", directory.path()).addKeyValue("reason", next.channelsProblem())
          .log("channels.yaml does not read; rules naming a channel are refused");
    }
    loaded = next;
    onLoad.accept(next);
    LOG.atInfo().addKeyValue("rules", next.rules().size()).addKeyValue("refused", next.refused().size())
        .addKeyValue("dir", directory.path()).log("alert rules loaded");
  }

  /** What channels.yaml defines now. */
  ChannelNames.Read channels() throws IOException {
    return directory.channels().map(ChannelNames::of).orElse(new ChannelNames.Read(java.util.Set.of(), null));
  }

  /**
   * Validates {@code text} as the rule {@code name} and writes it as {@code <name>.yaml} durably,
   * deleting any other file that defined {@code name}, then reloads.
   *
   * @throws InvalidRuleException when it does not validate, or its name is not {@code name}; nothing changed
   */
  synchronized CompiledRule put(String name, String text) throws InvalidRuleException, IOException {
    String source = "rule '" + name + "'";
    CompiledRule rule = RuleReader.read(source, text, channels().names());
    if (!rule.rule().name().equals(name)) {
      throw new InvalidRuleException(source, 0, "its name is '" + rule.rule().name()
          + "'; the name in the text must be the name of the URL");
    }
    java.util.Optional<RuleFile> previous = loaded.fileOf(name);
    directory.write(name, text);
    if (previous.isPresent() && !previous.get().name().equals(name + RuleDirectory.SUFFIX)) {
      directory.delete(previous.get().name());
    }
    reload();
    return rule;
  }

  /** Deletes the rule {@code name}'s file (loaded or refused) and reloads; false when there is none. */
  synchronized boolean delete(String name) throws IOException {
    java.util.Optional<RuleFile> file = loaded.fileOf(name);
    if (file.isEmpty()) {
      return false;
    }
    directory.delete(file.get().name());
    reload();
    return true;
  }
}

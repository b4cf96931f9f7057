package dev.corral.server.http;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The forms of the data directory's path that text shown to clients never contains: error bodies,
 * the health and readiness reasons, the store's stop reason in the stats. A client learns that
 * something failed and why, not where the server keeps its files. Immutable, thread-safe.
 */
public final class HiddenPaths {
  /** What a hidden path reads as. */
  public static final String PLACEHOLDER = "<data.dir>";
  private static final HiddenPaths NONE = new HiddenPaths(List.of());

  private final List<String> forms;

  private HiddenPaths(List<String> forms) {
    this.forms = forms;
  }

  /** Hides nothing. */
  public static HiddenPaths none() {
    return NONE;
  }

  /**
   * Hides {@code dataDir} as absolute path and as real path (they differ under a symbolic link);
   * the longest form is replaced first, so no tail of a longer one is left.
   */
  public static HiddenPaths of(Path dataDir) {
    Path absolute = dataDir.toAbsolutePath().normalize();
    Path real;
    try {
      real = dataDir.toRealPath();
    } catch (IOException e) {
      real = absolute; // not created yet: the absolute form is the only one
    }
    return new HiddenPaths(Stream.of(real.toString(), absolute.toString()).distinct()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList());
  }

  /** {@code text} with every hidden form replaced by {@value #PLACEHOLDER}; null stays null. */
  public String hide(String text) {
    if (text == null) {
      return null;
    }
    String shown = text;
    for (String form : forms) {
      shown = shown.replace(form, PLACEHOLDER);
    }
    return shown;
  }
}

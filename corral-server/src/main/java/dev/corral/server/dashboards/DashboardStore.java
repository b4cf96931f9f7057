package dev.corral.server.dashboards;

import dev.corral.server.files.DurableFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The saved dashboards: one file {@code <id>.json} each in a directory, next to the built-in
 * ones shipped with the server. A saved dashboard with a built-in's id overrides it; deleting the
 * override brings the built-in back; a built-in itself cannot be deleted.
 *
 * <p>A save writes a temporary file, forces it to disk and moves it over the old one atomically,
 * so a crash leaves the old definition or the new one, never half of one. A file that no longer
 * reads as a valid definition (edited by hand) is listed with its error and cannot be opened
 * until it is saved again or deleted. Thread-safe: writes are serialized; reads see whole files.
 */
public final class DashboardStore {
  /** Saved dashboards at most: a listing reads every file. */
  public static final int MAX_DASHBOARDS = 1000;
  private static final String SUFFIX = ".json";

  private final Path directory;
  private final Map<String, Dashboard> builtins;

  /**
   * One dashboard as listed, or as opened.
   *
   * @param dashboard the definition in effect, or null when its file is broken
   * @param builtin whether a built-in dashboard has this id
   * @param modified whether a saved definition overrides the built-in
   * @param error why the saved file cannot be read, or null
   */
  public record Entry(String id, Dashboard dashboard, boolean builtin, boolean modified, String error) {}

  /** Thrown for what the store refuses: deleting a built-in, one dashboard too many. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String reason) {
      super(reason);
    }
  }

  /** @param builtins the built-in dashboards by id */
  public DashboardStore(Path directory, Map<String, Dashboard> builtins) {
    this.directory = directory;
    this.builtins = Map.copyOf(builtins);
  }

  /** Every dashboard, built-in ones first (in id order), then saved ones by title. */
  public List<Entry> list() throws IOException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    builtins.keySet().stream().sorted().forEach(id -> entries.put(id, new Entry(id, builtins.get(id), true, false, null)));
    List<Entry> saved = new ArrayList<>();
    for (String id : savedIds()) {
      Entry entry = read(id).orElse(null);
      if (entry == null) {
        continue; // deleted meanwhile
      }
      if (builtins.containsKey(id)) {
        entries.put(id, entry);
      } else {
        saved.add(entry);
      }
    }
    saved.sort(Comparator.comparing((Entry e) -> e.dashboard() == null ? e.id() : e.dashboard().title(),
        String.CASE_INSENSITIVE_ORDER).thenComparing(Entry::id));
    List<Entry> all = new ArrayList<>(entries.values());
    all.addAll(saved);
    return all;
  }

  /** The dashboard with this id: the saved one, else the built-in; empty when there is neither. */
  public Optional<Entry> get(String id) throws IOException {
    Optional<Entry> saved = read(id);
    if (saved.isPresent()) {
      return saved;
    }
    return Optional.ofNullable(builtins.get(id)).map(b -> new Entry(id, b, true, false, null));
  }

  /**
   * Saves a definition (creating or replacing it) durably and returns it as now in effect.
   *
   * @throws Refused when it is new and {@value #MAX_DASHBOARDS} are saved already
   */
  public synchronized Entry put(Dashboard dashboard) throws IOException, Refused {
    Path file = file(dashboard.id());
    if (!Files.exists(file) && savedIds().size() >= MAX_DASHBOARDS) {
      throw new Refused(MAX_DASHBOARDS + " dashboards are saved, the limit; delete some first");
    }
    Files.createDirectories(directory);
    DurableFile.replace(file, DashboardJson.toBytes(dashboard));
    return new Entry(dashboard.id(), dashboard, builtins.containsKey(dashboard.id()),
        builtins.containsKey(dashboard.id()), null);
  }

  /**
   * Deletes a saved dashboard; for an overridden built-in, brings the built-in back.
   *
   * @return false when there was nothing saved under this id (and no built-in)
   * @throws Refused for a built-in without a saved override: it cannot be deleted
   */
  public synchronized boolean delete(String id) throws IOException, Refused {
    boolean deleted = Files.deleteIfExists(file(id));
    if (!deleted && builtins.containsKey(id)) {
      throw new Refused("'" + id + "' is a built-in dashboard and cannot be deleted; save a changed one under its id "
          + "to override it");
    }
    return deleted;
  }

  private Optional<Entry> read(String id) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file(id));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    boolean builtin = builtins.containsKey(id);
    try {
      return Optional.of(new Entry(id, DashboardJson.parse(bytes, id), builtin, builtin, null));
    } catch (InvalidDashboardException e) {
      return Optional.of(new Entry(id, null, builtin, builtin, "file " + file(id) + " is not a valid dashboard: "
          + e.getMessage()));
    }
  }

  private List<String> savedIds() throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
          .map(n -> n.substring(0, n.length() - SUFFIX.length())).filter(Dashboard::isValidId).sorted().toList();
    }
  }

  private Path file(String id) {
    if (!Dashboard.isValidId(id)) {
      throw new IllegalArgumentException("BUG: dashboard id '" + id + "' was not validated");
    }
    return directory.resolve(id + SUFFIX);
  }
}

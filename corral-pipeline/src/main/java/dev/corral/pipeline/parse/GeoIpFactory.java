package dev.corral.pipeline.parse;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds {@code geoip} processors, with Elasticsearch's options: {@code field} (required),
 * {@code target_field} ({@code geoip} by default), {@code database_file} (a MaxMind .mmdb,
 * {@code GeoLite2-City.mmdb} by default, relative to the database directory this factory was made
 * with), {@code properties} (which results to write; see {@link GeoIpDatabase.Kind} for each
 * kind's list and defaults), {@code first_only} (for a list of addresses: the first found, the
 * default, or all) and {@code ignore_missing}. A missing, unreadable or corrupt file, or one of an
 * unsupported kind, fails the definition naming the file. Each file is opened once and shared by
 * every processor that names it, until the file changes (its size or modification time): the next
 * definition naming it then opens the new version, while processors built before keep the old one.
 * Thread-safe.
 */
public final class GeoIpFactory implements ProcessorFactory {
  /** The database Elasticsearch's processor reads when a definition names none. */
  public static final String DEFAULT_DATABASE = "GeoLite2-City.mmdb";

  private final Path databaseDirectory;
  private final Map<Path, Opened> open = new ConcurrentHashMap<>();

  /** A database as opened, with the size and modification time its file had then. */
  private record Opened(GeoIpDatabase database, long size, long modifiedMillis) {}

  /** A factory resolving {@code database_file} names against {@code databaseDirectory}. */
  public GeoIpFactory(Path databaseDirectory) {
    this.databaseDirectory = databaseDirectory.toAbsolutePath().normalize();
  }

  @Override
  public Processor create(ProcessorConfig config) throws DefinitionException {
    String field = config.string("field");
    String target = config.string("target_field", "geoip");
    String fileName = config.string("database_file", DEFAULT_DATABASE);
    boolean firstOnly = config.bool("first_only", true);
    boolean ignoreMissing = config.bool("ignore_missing", false);
    List<String> requested = config.strings("properties");
    GeoIpDatabase database = database(config, fileName);
    List<String> properties = new ArrayList<>();
    for (String property : requested) {
      if (!database.kind().properties.contains(property)) {
        throw config.invalid("option 'properties': '" + property + "' is no property of " + fileName + " (a "
            + database.kind().name().toLowerCase(Locale.ROOT) + " database: "
            + String.join(", ", database.kind().properties) + ")");
      }
      properties.add(property);
    }
    config.requireAllRead();
    return new GeoIpProcessor(field, target, database, properties.isEmpty() ? database.kind().defaults : properties,
        firstOnly, ignoreMissing);
  }

  private GeoIpDatabase database(ProcessorConfig config, String fileName) throws DefinitionException {
    Path file = databaseDirectory.resolve(fileName).normalize();
    try {
      BasicFileAttributes attributes = Files.isRegularFile(file) ? Files.readAttributes(file, BasicFileAttributes.class) : null;
      Opened opened = open.get(file);
      if (opened != null && attributes != null && opened.size() == attributes.size()
          && opened.modifiedMillis() == attributes.lastModifiedTime().toMillis()) {
        return opened.database();
      }
      GeoIpDatabase database = GeoIpDatabase.open(file);
      open.put(file, new Opened(database, attributes.size(), attributes.lastModifiedTime().toMillis()));
      return database;
    } catch (IOException e) {
      throw config.invalid("option 'database_file': " + e.getMessage());
    }
  }
}

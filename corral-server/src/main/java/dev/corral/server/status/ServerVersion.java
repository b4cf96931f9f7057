package dev.corral.server.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this build, recorded by Maven in {@code version.properties} beside this class. */
public final class ServerVersion {
  private static final String VERSION = read();

  private ServerVersion() {}

  /** The build's version, e.g. {@code 0.1.0-SNAPSHOT}; "development" when run from unbuilt sources. */
  public static String get() {
    return VERSION;
  }

  private static String read() {
    try (InputStream in = ServerVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "development";
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "development");
      return version.startsWith("${") ? "development" : version;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read version.properties from the classpath", e);
    }
  }
}

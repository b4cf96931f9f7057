package dev.corral.opensearch.node;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the one-node OpenSearch launcher of module {@code corral-bench-opensearch} was built: its
 * compiled classes and the file listing its runtime classpath (OpenSearch's own jars in the local
 * Maven repository), both under that module's {@code target/}. OpenSearch carries its own Lucene,
 * so it never shares a classpath with Corral; tests and the benchmark start it as a separate JVM.
 *
 * @param classes the module's {@code target/classes}
 * @param classpath the dependency classpath, one line, entries separated by the path separator
 */
public record OpenSearchLauncher(Path classes, List<String> classpath) {
  /** Main class of the launcher module. */
  public static final String MAIN_CLASS = "dev.corral.bench.opensearch.OpenSearchNodeMain";
  /** The classpath file that {@code maven-dependency-plugin:build-classpath} writes in that {@code target/}. */
  public static final String CLASSPATH_FILE = "opensearch-node.classpath";
  /** Lucene maps index files through java.lang.foreign; Corral's jar grants the same in its manifest. */
  private static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
  private static final String HOW_TO_BUILD =
      "build it with ./mvnw -pl corral-bench-opensearch package (./corral builds it when corral.jar is stale)";

  public OpenSearchLauncher {
    classpath = List.copyOf(classpath);
  }

  /**
   * Reads the launcher built in {@code target} (the {@code corral-bench-opensearch/target} directory).
   *
   * @throws IOException naming the missing file and how to build it
   */
  public static OpenSearchLauncher locate(Path target) throws IOException {
    Path classes = target.resolve("classes");
    Path main = classes.resolve(MAIN_CLASS.replace('.', '/') + ".class");
    Path file = target.resolve(CLASSPATH_FILE);
    for (Path required : List.of(main, file)) {
      if (!Files.isRegularFile(required)) {
        throw new IOException("OpenSearch launcher not built: " + required + " is missing; " + HOW_TO_BUILD);
      }
    }
    List<String> entries = List.of(Files.readString(file, StandardCharsets.UTF_8).trim().split(File.pathSeparator));
    for (String entry : entries) {
      if (!Files.exists(Path.of(entry))) {
        throw new IOException("OpenSearch launcher classpath entry " + entry + " (listed in " + file
            + ") does not exist; " + HOW_TO_BUILD);
      }
    }
    return new OpenSearchLauncher(classes, entries);
  }

  /**
   * Reads the launcher from the directory that system property {@code property} names (test
   * runs: surefire sets it to {@code corral-bench-opensearch/target}).
   *
   * @throws IllegalStateException when the property is not set (the test did not run through Maven)
   */
  public static OpenSearchLauncher locateFromProperty(String property) throws IOException {
    String target = System.getProperty(property);
    if (target == null) {
      throw new IllegalStateException("system property " + property + " is not set; run the tests through Maven");
    }
    return locate(Path.of(target));
  }

  /** The GC log of the node whose files are under {@code home}. */
  public static Path gcLog(Path home) {
    return home.resolve("gc.log");
  }

  /**
   * The command that starts a lone node on {@code httpPort} with its files under {@code home}: the
   * parent's own java and the same heap as Corral's server, collections logged to {@link
   * #gcLog(Path)}; no tuning options.
   */
  public List<String> command(int httpPort, Path home) {
    return command(httpPort, home, NodeOptions.SINGLE);
  }

  /** {@link #command(int, Path)} for a node that joins others as {@code options} say. */
  public List<String> command(int httpPort, Path home, NodeOptions options) {
    String path = classes + File.pathSeparator + String.join(File.pathSeparator, classpath);
    List<String> command = new ArrayList<>(List.of(ChildJvm.javaBinary(), ChildJvm.HEAP,
        ChildJvm.gcLogOption(gcLog(home)), NATIVE_ACCESS, "-cp", path, MAIN_CLASS,
        "--http-port", Integer.toString(httpPort), "--home", home.toString()));
    if (!options.equals(NodeOptions.SINGLE)) {
      command.addAll(options.arguments());
    }
    return command;
  }
}

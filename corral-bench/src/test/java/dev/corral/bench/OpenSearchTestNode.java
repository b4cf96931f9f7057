package dev.corral.bench;

import java.io.IOException;
import java.nio.file.Path;

/** The OpenSearch launcher as built by module corral-bench-opensearch, located through surefire's system property. */
final class OpenSearchTestNode {
  /** Set by this module's pom to {@code corral-bench-opensearch/target}. */
  static final String TARGET_PROPERTY = "corral.bench.opensearch.target";

  private OpenSearchTestNode() {}

  static OpenSearchLauncher launcher() throws IOException {
    String target = System.getProperty(TARGET_PROPERTY);
    if (target == null) {
      throw new IllegalStateException("system property " + TARGET_PROPERTY + " is not set; run the tests through Maven");
    }
    return OpenSearchLauncher.locate(Path.of(target));
  }
}

package dev.corral.bench;

import dev.corral.opensearch.node.OpenSearchLauncher;
import java.io.IOException;

/** The OpenSearch launcher as built by module corral-bench-opensearch, located through surefire's system property. */
final class OpenSearchTestNode {
  /** Set by this module's pom to {@code corral-bench-opensearch/target}. */
  static final String TARGET_PROPERTY = "corral.bench.opensearch.target";

  private OpenSearchTestNode() {}

  static OpenSearchLauncher launcher() throws IOException {
    return OpenSearchLauncher.locateFromProperty(TARGET_PROPERTY);
  }
}

package dev.corral.dist;

import picocli.CommandLine;

/** Reports the version recorded in the jar manifest. */
public final class CorralVersion implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = CorralVersion.class.getPackage().getImplementationVersion();
    return new String[] {"corral " + (version == null ? "development build" : version)
        + " (Java " + Runtime.version() + ")"};
  }
}

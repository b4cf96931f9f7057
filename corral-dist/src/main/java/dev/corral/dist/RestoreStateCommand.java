package dev.corral.dist;

import dev.corral.server.archive.StateArchive;
import dev.corral.server.config.ServerConfig;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code corral restore --state --data DIR}: the disaster-recovery step that comes before a server
 * starts on a fresh data directory (docs/operations.md, "Disaster recovery"). Offline, like {@code
 * corral keys --data}: reads {@code archive.*} from the same configuration as {@code corral serve}
 * ({@code --config}, the environment, {@code --set}), downloads the archive's newest state snapshot,
 * checks every file against its manifest and installs them (keys, dashboards, retention policy).
 * Refuses to overwrite a state file that exists. The restore of days ({@code --from/--to/--all})
 * is the same command's other form.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
    description = "Restore the server's state (keys, dashboards, retention policy) from the archive into a fresh"
        + " data directory, before the server starts (docs/operations.md).")
public final class RestoreStateCommand implements Callable<Integer> {
  @Mixin
  ServerOptions server;

  @Option(names = "--state", required = true, description = "Restore the newest state snapshot of archive.url.")
  boolean state;

  @Override
  public Integer call() {
    return KeysCommand.report(() -> {
      ServerConfig config = server.resolve();
      if (!config.archive().enabled()) {
        throw new IllegalArgumentException("archive.url is not set: give the configuration of the lost server"
            + " (--config corral.yaml or --set archive.url=s3://bucket/prefix)");
      }
      Files.createDirectories(config.dataDir());
      StateArchive.Restored restored = StateArchive.restore(config.archive(), config.dataDir());
      for (String file : restored.files()) {
        System.out.println(config.dataDir().resolve(file));
      }
      System.err.println("restored state snapshot " + restored.id() + " (" + restored.createdAt() + "): "
          + restored.files().size() + " files; start the server, then restore the days (docs/operations.md)");
      return 0;
    });
  }
}

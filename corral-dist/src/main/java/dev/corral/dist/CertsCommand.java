package dev.corral.dist;

import dev.corral.server.tls.QuickStartCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code corral certs create --out DIR [--host NAME…]}: a self-signed CA and a server certificate signed by it, for
 * a quick start with TLS (docs/security.md, "TLS"). Prints the settings to use.
 */
@Command(name = "certs", mixinStandardHelpOptions = true, description = "Make TLS certificates for a quick start "
    + "(docs/security.md).", subcommands = CertsCommand.Create.class)
public final class CertsCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Write ca.pem, ca-key.pem, server.pem and "
      + "server-key.pem: a self-signed CA and a server certificate for localhost, 127.0.0.1, this host and --host.")
  static final class Create implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the files to "
        + "(made if missing; existing files are never overwritten).")
    Path out;

    @Option(names = "--host", paramLabel = "NAME", description = "Another DNS name or IP address clients use to "
        + "reach the server; repeatable.")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--days", defaultValue = "365", description = "Validity of both certificates in days "
        + "(default ${DEFAULT-VALUE}).")
    int days;

    @Override
    public Integer call() {
      return KeysCommand.report(() -> {
        if (days < 1) {
          throw new IllegalArgumentException("--days is " + days + ", must be at least 1");
        }
        QuickStartCertificates files = QuickStartCertificates.create(out, hosts, Duration.ofDays(days));
        System.out.println("wrote " + files.ca() + ", " + files.caKey() + " (keep it offline), " + files.server()
            + " and " + files.serverKey() + " for " + String.join(", ", QuickStartCertificates.names(hosts)));
        System.out.println("server (corral.yaml):  tls.cert: " + files.server().toAbsolutePath() + "   tls.key: "
            + files.serverKey().toAbsolutePath());
        System.out.println("clients:               corral search --ca " + files.ca().toAbsolutePath()
            + " ...   curl --cacert " + files.ca().toAbsolutePath() + " https://localhost:8080/health");
        return 0;
      });
    }
  }
}

package dev.corral.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution tarball as an operator uses it: unpacked with tar into an empty directory, the first key
 * created and the server started with its own bin/corral and conf/corral.yaml (only the port, the
 * data directory and the other listeners moved aside through the environment), logs sent and found,
 * the server stopped with SIGTERM. Runs after {@code package}, which builds the tarball.
 */
class DistributionIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  /** Ingested events are in a search that starts store.refresh_interval (500 ms) after they are indexed: poll until they are. */
  private static final Duration SEARCHABLE_TIMEOUT = Duration.ofSeconds(30);
  /** Short-lived JVMs on a busy machine: the client compiler only and one GC thread halve a command's start. */
  private static final String QUICK_START_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
  /** Every listener but HTTP off, so the test needs one free port; and no free-disk floor on a full CI disk. */
  private static final Map<String, String> TEST_ENVIRONMENT = Map.of(
      "CORRAL_OTLP_GRPC_PORT", "-1", "CORRAL_SYSLOG_UDP_PORT", "-1", "CORRAL_SYSLOG_TCP_PORT", "-1",
      "CORRAL_GELF_UDP_PORT", "-1", "CORRAL_GELF_TCP_PORT", "-1", "CORRAL_STORAGE_MIN_FREE_BYTES", "0",
      "CORRAL_JAVA_OPTS", QUICK_START_JVM + " -Xmx256m");

  /** Shared by the tests: the tarball is unpacked once. */
  @TempDir
  static Path tmp;
  private static Path home;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void unpackTheTarball() throws Exception {
    home = unpack();
  }

  @Test
  void theUnpackedTarballServesWithItsOwnConfiguration() throws Exception {
    Path corral = home.resolve("bin/corral");
    Path data = tmp.resolve("data");
    assertThat(Files.readString(home.resolve("conf/corral.yaml")))
        .isEqualTo(Files.readString(Path.of(PackagedConfig.SOURCE_PATH)));

    // First start (docs/operations.md): an admin key, offline, before the server runs; through a symlink on
    // "PATH" as the install suggests (/usr/local/bin/corral), which the launcher follows to its installation.
    Path onPath = Files.createSymbolicLink(Files.createDirectories(tmp.resolve("usr-local-bin")).resolve("corral"), corral);
    String adminKey = run(onPath, "keys", "create", "--scope", "admin", "--name", "ops", "--data", data.toString()).strip();
    assertThat(adminKey).matches("[^\\s:]+:[^\\s:]+");

    try (ServerProcess server = ServerProcess.installed(corral, data, TEST_ENVIRONMENT)) {
      server.start();
      URI url = server.url();
      assertThat(get(url, "/api/v1/search?q=*", null).statusCode())
          .as("auth.mode keys from conf/corral.yaml: a search without a key is refused").isEqualTo(401);
      JsonNode retention = JSON.readTree(get(url, "/api/v1/admin/retention", adminKey).body());
      assertThat(retention.path("max_age").asText()).isEqualTo("30d");
      assertThat(retention.path("sources").path("max_age").asText()).endsWith("conf/corral.yaml");

      // A shipper's key from the running server, with the admin key (the API `corral keys create --url` calls;
      // one JVM start less on a busy test machine).
      HttpResponse<String> created = http.send(HttpRequest.newBuilder(url.resolve("/api/v1/admin/keys"))
          .header("Authorization", "ApiKey " + adminKey).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"shipper\",\"scope\":\"ingest\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
      String ingestKey = JSON.readTree(created.body()).path("key").asText();
      StringBuilder events = new StringBuilder();
      Instant now = Instant.now();
      for (int i = 0; i < 3; i++) {
        events.append(JSON.writeValueAsString(Map.of("timestamp", now.minusSeconds(i).toString(),
            "service", "installed", "level", "error", "message", "from the tarball " + i))).append('\n');
      }
      HttpResponse<String> ingested = http.send(HttpRequest.newBuilder(url.resolve("/api/v1/ingest"))
          .header("Authorization", "ApiKey " + ingestKey).header("Content-Type", "application/x-ndjson")
          .POST(HttpRequest.BodyPublishers.ofString(events.toString())).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(200);
      assertThat(JSON.readTree(ingested.body()).path("accepted").asInt()).isEqualTo(3);

      assertThat(awaitTotal(url, adminKey, "service:installed AND \"from the tarball\"", 3)).isEqualTo(3);
      server.close();
      assertThat(server.exitValue()).as("SIGTERM stops the server cleanly; log:\n%s", server.log()).isIn(0, 143);
      assertThat(server.log()).contains("msg=\"stopped\"");
    }
  }

  @Test
  void theSystemdUnitVerifies() throws Exception {
    Assumptions.assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed here: the unit is not verified");
    // The unit names /opt/corral, the documented install path; verify it against this unpacked copy instead,
    // so systemd-analyze also checks that ExecStart names an executable.
    String unit = Files.readString(home.resolve("systemd/corral.service")).replace("/opt/corral", home.toString());
    Path copy = Files.writeString(tmp.resolve("corral.service"), unit);
    assertThat(unit).contains("User=corral", "LimitNOFILE=", "Restart=on-failure", "NoNewPrivileges=true",
        "ProtectSystem=strict", "ReadWritePaths=/var/lib/corral", "PrivateTmp=true", "EnvironmentFile=-/etc/default/corral",
        "ExecStart=" + home + "/bin/corral serve --config " + home + "/conf/corral.yaml");
    Process verify = new ProcessBuilder("systemd-analyze", "verify", copy.toString()).redirectErrorStream(true).start();
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(verify.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    // Unknown or misspelt keys are only warnings (exit 0): any output at all is a finding.
    assertThat(output).as("systemd-analyze verify %s", copy).isEmpty();
    assertThat(verify.exitValue()).isZero();
  }

  @Test
  void serveReadsTheFileCorralConfigNames() throws Exception {
    Path other = Files.writeString(tmp.resolve("other.yaml"), "retention:\n  max_aeg: 7d\n");
    Finished refused = execute(Map.of("CORRAL_CONFIG", other.toString()), home.resolve("bin/corral"), "serve");
    assertThat(refused.exit()).as(refused.err()).isEqualTo(2);
    assertThat(refused.err()).contains("unknown setting 'retention.max_aeg' in " + other, "'retention.max_age'");
  }

  /** The tarball unpacked by tar into a fresh directory: the install's root (corral-VERSION/). */
  private static Path unpack() throws Exception {
    Path tarball = Path.of(System.getProperty("corral.tarball", "target/corral-tarball-not-set.tar.gz"));
    assertThat(tarball).as("the tarball `./mvnw package` builds").isRegularFile();
    Path into = Files.createDirectories(tmp.resolve("install"));
    run(null, "tar", "-xzf", tarball.toString(), "-C", into.toString());
    String top = tarball.getFileName().toString().replaceFirst("\\.tar\\.gz$", "");
    Path home = into.resolve(top);
    try (var entries = Files.list(into)) {
      assertThat(entries.toList()).as("one top directory").containsExactly(home);
    }
    assertThat(home.resolve("bin/corral")).isExecutable();
    try (JarFile jar = new JarFile(home.resolve("lib/corral.jar").toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Implementation-Version"))
          .as("the version `corral --version` reports").isEqualTo(top.substring("corral-".length()));
    }
    for (String part : List.of("conf/corral.yaml", "lib/corral.jar", "systemd/corral.service", "systemd/corral.default",
        "docs/operations.md", "README.md", "LICENSE")) {
      assertThat(home.resolve(part)).as(part).isRegularFile();
    }
    return home;
  }

  /** What a command printed and returned. */
  private record Finished(int exit, String out, String err) {}

  /** Runs {@code launcher args...} (or, without a launcher, {@code args...}); returns stdout, fails on a non-zero exit. */
  private static String run(Path launcher, String... args) throws IOException, InterruptedException {
    Finished finished = execute(Map.of(), launcher, args);
    assertThat(finished.exit()).as("%s %s; stderr: %s", launcher, List.of(args), finished.err()).isZero();
    return finished.out();
  }

  private static Finished execute(Map<String, String> environment, Path launcher, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (launcher != null) {
      command.add(launcher.toString());
    }
    command.addAll(List.of(args));
    Path stderr = Files.createTempFile(tmp, "command", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("CORRAL_JAVA_OPTS", QUICK_START_JVM + " -Xmx128m");
    builder.environment().putAll(environment);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    return new Finished(process.exitValue(), out, Files.readString(stderr));
  }

  private long awaitTotal(URI url, String key, String query, long expected) throws Exception {
    long deadline = System.nanoTime() + SEARCHABLE_TIMEOUT.toNanos();
    long total;
    do {
      HttpResponse<String> response = get(url, "/api/v1/search?limit=0&q="
          + URLEncoder.encode(query, StandardCharsets.UTF_8), key);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      total = JSON.readTree(response.body()).path("total").asLong();
      if (total >= expected) {
        return total;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return total;
  }

  private HttpResponse<String> get(URI url, String path, String key) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path));
    if (key != null) {
      request.header("Authorization", "ApiKey " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}

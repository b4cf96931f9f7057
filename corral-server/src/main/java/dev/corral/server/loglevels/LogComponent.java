package dev.corral.server.loglevels;

import java.util.List;
import java.util.Objects;

/**
 * A part of the server as users name it ({@code store}) and the loggers that cover its code
 * ({@code dev.corral.store}, {@code dev.corral.server.storage}): a logger's level applies to every
 * logger below it, so a prefix covers a whole package tree.
 *
 * @param name what users type, lower case
 * @param loggers logger names (package prefixes or classes), at least one; the first is the one whose
 *     level the component reports
 */
public record LogComponent(String name, List<String> loggers) {
  /** Logback's name of the root logger; the component {@code root} sets every logger's default. */
  public static final String ROOT_LOGGER = "ROOT";

  /** The components, in the order they are listed. */
  public static final List<LogComponent> ALL = List.of(
      new LogComponent("root", List.of(ROOT_LOGGER)),
      new LogComponent("server", List.of("dev.corral.server.CorralServer", "dev.corral.server.service",
          "dev.corral.server.status")),
      new LogComponent("store", List.of("dev.corral.store", "dev.corral.server.storage")),
      new LogComponent("wal", List.of("dev.corral.wal")),
      new LogComponent("ingest", List.of("dev.corral.server.ingest", "dev.corral.server.IngestStage")),
      new LogComponent("inputs", List.of("dev.corral.server.inputs", "dev.corral.server.InputsService")),
      new LogComponent("pipelines", List.of("dev.corral.server.pipelines", "dev.corral.pipeline",
          "dev.corral.multiline")),
      new LogComponent("search", List.of("dev.corral.server.search", "dev.corral.query")),
      new LogComponent("export", List.of("dev.corral.server.export")),
      new LogComponent("tail", List.of("dev.corral.server.tail")),
      new LogComponent("http", List.of("dev.corral.server.http", "dev.corral.server.api")),
      new LogComponent("auth", List.of("dev.corral.server.auth", "dev.corral.server.keys")),
      new LogComponent("audit", List.of("dev.corral.server.audit")),
      new LogComponent("alerts", List.of("dev.corral.server.alerts")),
      new LogComponent("recording", List.of("dev.corral.server.recording")),
      new LogComponent("dashboards", List.of("dev.corral.server.dashboards")),
      new LogComponent("retention", List.of("dev.corral.server.retention")),
      new LogComponent("archive", List.of("dev.corral.server.archive", "dev.corral.server.objectstore")),
      new LogComponent("backup", List.of("dev.corral.server.backup")),
      new LogComponent("erasure", List.of("dev.corral.server.erasure")),
      new LogComponent("jetty", List.of("org.eclipse.jetty")),
      new LogComponent("lucene", List.of("org.apache.lucene")),
      new LogComponent("grpc", List.of("io.grpc")));

  public LogComponent {
    Objects.requireNonNull(name, "name");
    loggers = List.copyOf(loggers);
    if (loggers.isEmpty()) {
      throw new IllegalArgumentException("BUG: log component '" + name + "' names no logger");
    }
  }

  /** The names of every component, in order. */
  public static List<String> names() {
    return ALL.stream().map(LogComponent::name).toList();
  }
}

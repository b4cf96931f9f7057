package dev.corral.server.dashboards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboards shipped with the server, read from JSON resources beside this class (so they
 * are written, and validated, exactly like saved ones): {@code incident} — the firing alerts, service
 * health, error rate and p95 latency per service, and the traces with errors in the most services.
 */
public final class BuiltinDashboards {
  /** Ids of the built-in dashboards; each is {@code <id>.json} in this package's resources. */
  static final List<String> IDS = List.of("incident");

  private BuiltinDashboards() {}

  /**
   * Every built-in dashboard by id.
   *
   * @throws IllegalStateException when a shipped definition is missing or invalid (a build bug)
   */
  public static Map<String, Dashboard> load() {
    Map<String, Dashboard> dashboards = new LinkedHashMap<>();
    for (String id : IDS) {
      try (InputStream in = BuiltinDashboards.class.getResourceAsStream(id + ".json")) {
        if (in == null) {
          throw new IllegalStateException("BUG: built-in dashboard " + id + ".json is not on the classpath");
        }
        dashboards.put(id, DashboardJson.parse(in.readAllBytes(), id));
      } catch (InvalidDashboardException e) {
        throw new IllegalStateException("BUG: built-in dashboard " + id + " is invalid: " + e.getMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read built-in dashboard " + id, e);
      }
    }
    return dashboards;
  }
}

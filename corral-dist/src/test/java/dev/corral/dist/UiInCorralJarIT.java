package dev.corral.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.dist.ui.Browser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI ships inside corral.jar: a browser pointed at {@code ./corral serve} gets the shell,
 * its modules and the chart WebJar from the jar alone, and an empty store answers the search
 * page with "no events" rather than an error — with nothing requested from elsewhere.
 */
class UiInCorralJarIT {
  @Test
  void browserGetsTheWholeUiFromTheJar(@TempDir Path tmp) throws Exception {
    ServerProcess server = new ServerProcess(tmp.resolve("data"), List.of("--set", "otlp.grpc_port=-1",
        "--set", "syslog.udp_port=-1", "--set", "syslog.tcp_port=-1", "--set", "gelf.udp_port=-1",
        "--set", "gelf.tcp_port=-1", "--set", "fluent.port=-1"));
    try (server) {
      server.start();
      try (Browser browser = Browser.start(server.url().toString())) {
        browser.open("#/search?q=level:ERROR");
        browser.visibleWithText(".no-results", "No events match");
        browser.present(".histogram-plot.chart canvas");
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) browser.script(
            "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)");
        assertThat(loaded).contains("/ui/app.js", "/ui/pages/search.js", "/webjars/chart.js/4.5.1/dist/chart.js",
            "/webjars/kurkle__color/0.3.4/dist/color.esm.js");
        browser.screenshot("UiInCorralJarIT-emptyStore");
        browser.assertCleanConsoleAndLocalRequests();
      }
    }
  }
}

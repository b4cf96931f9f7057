package dev.corral.dist.ui;

import java.io.IOException;
import java.time.Duration;

/** Waits on the API that the page tests share: the state a page will show, reached before it is checked. */
final class Api {
  /** Bound on waiting for ingested events to become searchable (the store refreshes within a second). */
  private static final Duration SEARCHABLE = Duration.ofSeconds(30);

  private Api() {}

  /** The page's route, decoded, without the '#': "/search?q=service:checkout". */
  static String route(Browser browser) {
    return browser.hash().replaceFirst("^#", "");
  }

  /** A parameter of the page's route ("#/search?q=…&from=…"), decoded as the page reads it; null when absent. */
  static String routeParam(Browser browser, String name) {
    return (String) browser.script("return new URLSearchParams(location.hash.split('?')[1] ?? '').get(arguments[0])", name);
  }

  /** Waits until {@code query} matches at least {@code expected} events; fails after {@link #SEARCHABLE}. */
  static void awaitTotal(DemoDataServer server, String query, long expected) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + SEARCHABLE.toNanos();
    long total;
    do {
      total = server.search(query, 0).path("total").asLong();
      if (total >= expected) {
        return;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("'" + query + "' matches " + total + " events, not " + expected + ", after " + SEARCHABLE);
  }
}

package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * A live tail in a real browser survives a dropped connection without a hole or a repeat: the
 * events acknowledged while it was cut off arrive after it reconnects, because it sends the id of
 * the last message as {@code Last-Event-ID} and the server replays from that WAL position. Both
 * the web UI's tail (fetch with its own reconnect) and a plain {@code EventSource} (the browser's
 * own reconnect) are checked. A {@link RecordingProxy} cuts the connection and holds the reconnect
 * until the missed event is durable, so the event can only come back through the replay.
 */
class TailResumePageTest {
  private static DemoDataServer server;
  private static RecordingProxy proxy;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    server = DemoDataServer.startEmptyWith(Map.of());
    proxy = RecordingProxy.start(server.url());
    browser = Browser.start(proxy.url());
  }

  @AfterAll
  static void stop() throws Exception {
    try (DemoDataServer s = server; RecordingProxy p = proxy; Browser b = browser) {
      // closed in reverse order
    }
  }

  @Test
  void theTailPageGetsTheEventsMissedWhileDisconnectedExactlyOnce() throws Exception {
    String service = "resumed-" + UUID.randomUUID().toString().substring(0, 8);
    browser.open("#/tail?q=service:" + service);
    browser.waitUntil("the tail to be live", d -> "live".equals(browser.present(".tail-page").getAttribute("data-state")));
    ingest(service, "before the drop");
    browser.visibleWithText(".tail-row", "before the drop");

    int before = proxy.seen().size();
    proxy.holdTails();
    proxy.dropStreams();
    browser.waitUntil("the page to notice", d -> !"live".equals(browser.present(".tail-page").getAttribute("data-state")));
    ingest(service, "while disconnected");
    proxy.releaseTails();
    browser.visibleWithText(".tail-row", "while disconnected");
    ingest(service, "after the reconnection");
    browser.visibleWithText(".tail-row", "after the reconnection");

    assertThat(browser.all(".tail-row")).extracting(WebElement::getText).hasSize(3);
    assertThat(tailRequests(before)).isNotEmpty()
        .allSatisfy(seen -> assertThat(seen.lastEventId()).as("the reconnect resumes from a position").matches("[0-9]+"));
  }

  @Test
  void aPlainEventSourceResumesByItselfWithLastEventId() throws Exception {
    String service = "eventsource-" + UUID.randomUUID().toString().substring(0, 8);
    browser.open("#/status"); // any page of the server's origin
    browser.script("""
        window.tailed = [];
        window.source = new EventSource('/api/v1/tail?q=' + encodeURIComponent(arguments[0]));
        window.source.addEventListener('events', (e) => {
          for (const event of JSON.parse(e.data).events) window.tailed.push(event.message);
        });""", "service:" + service);
    browser.waitUntil("the stream to be open", d -> Long.valueOf(1).equals(browser.script("return window.source.readyState")));
    ingest(service, "first");
    awaitTailed(List.of("first"));

    int before = proxy.seen().size();
    proxy.holdTails();
    proxy.dropStreams();
    browser.waitUntil("the EventSource to reconnect", d -> !tailRequests(before).isEmpty());
    ingest(service, "missed");
    proxy.releaseTails();
    awaitTailed(List.of("first", "missed"));
    ingest(service, "live again");
    awaitTailed(List.of("first", "missed", "live again"));
    browser.script("window.source.close()");

    assertThat(tailRequests(before).getFirst().lastEventId()).as("sent by the browser itself").matches("[0-9]+");
  }

  private static void awaitTailed(List<String> expected) {
    browser.waitUntil("the EventSource to have " + expected, d -> expected.equals(browser.script("return window.tailed")));
  }

  private static void ingest(String service, String message) throws Exception {
    server.ingest(("{\"timestamp\":\"" + Instant.now() + "\",\"level\":\"INFO\",\"service\":\"" + service
        + "\",\"message\":\"" + message + "\"}\n").getBytes(StandardCharsets.UTF_8), 1);
  }

  private static List<RecordingProxy.Seen> tailRequests(int from) {
    List<RecordingProxy.Seen> all = proxy.seen();
    return all.subList(from, all.size()).stream().filter(seen -> seen.pathAndQuery().startsWith("/api/v1/tail"))
        .toList();
  }
}

package dev.corral.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.Await;
import dev.corral.server.TestServer;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeySpec;
import dev.corral.server.auth.Scope;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/export} against a real server with access control on: every event beyond
 * {@code search.max_limit}, exactly once and oldest first across days; CSV quoting and formula
 * injection; a service-scoped key's scope; clients that go away mid-stream; bad parameters.
 */
class ExportApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Far below the events exported, so the export is shown to go beyond what one search returns. */
  private static final int MAX_LIMIT = 100;
  /**
   * Events of the ordering test: more than two export pages (1,000), in groups of 500 sharing one
   * timestamp (so pages split ties), over two days.
   */
  private static final int SEQ_EVENTS = 2_500;
  private static final int SAME_TIMESTAMP = 500;
  /**
   * The bulk data set a cancelled client leaves unread: 8 MB, twice what loopback TCP buffers hold
   * (the server's send buffer grows to net.ipv4.tcp_wmem's 4 MiB; the client's is pinned small), so
   * an export of it cannot finish while its client does not read.
   */
  private static final int BULK_EVENTS = 2_000;
  private static final int BULK_MESSAGE_CHARS = 4_000;

  @TempDir
  static Path data;
  static TestServer server;
  static String admin;
  static Instant base;

  @BeforeAll
  static void startAndIngest() throws Exception {
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    admin = keys.create(new KeySpec("ops", Scope.ADMIN, List.of(), null, null)).key();
    server = TestServer.start(data, Map.of("auth.mode", "keys", "search.max_limit", Integer.toString(MAX_LIMIT),
        "search.default_limit", "50"));
    base = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);
    StringBuilder seq = new StringBuilder();
    for (int i = 0; i < SEQ_EVENTS; i++) {
      Instant at = base.plus((long) (i / SAME_TIMESTAMP) * 6, ChronoUnit.HOURS); // 12:00, 18:00, then the next day
      seq.append("{\"timestamp\":\"").append(at).append("\",\"service\":\"seq\",\"seq\":").append(i)
          .append(",\"message\":\"event ").append(i).append("\"}\n");
    }
    ingest(seq.toString());
    String big = "x".repeat(BULK_MESSAGE_CHARS);
    for (int batch = 0; batch < 4; batch++) {
      StringBuilder bulk = new StringBuilder();
      for (int i = 0; i < BULK_EVENTS / 4; i++) {
        bulk.append("{\"timestamp\":\"").append(base.minus(1, ChronoUnit.DAYS).plusMillis(batch * 1000L + i))
            .append("\",\"service\":\"bulk\",\"message\":\"").append(big).append("\"}\n");
      }
      ingest(bulk.toString());
    }
    awaitTotal("service:seq", SEQ_EVENTS);
    awaitTotal("service:bulk", BULK_EVENTS);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static void ingest(String ndjson) {
    TestServer.Reply reply = server.send("POST", "/api/v1/ingest", ndjson, "Content-Type", "application/x-ndjson",
        "Authorization", "ApiKey " + admin);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }

  private static void awaitTotal(String query, long expected) throws InterruptedException {
    Await.until(query + " matches " + expected, () -> get("/api/v1/search?limit=0&from=now-7d&q=" + encode(query),
        admin).json().path("total").asLong() == expected);
  }

  private static TestServer.Reply get(String path, String key) {
    return server.send("GET", path, null, "Authorization", "ApiKey " + key);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String export(String query, String extra) {
    return "/api/v1/export?from=now-7d&to=now%2B1h&q=" + encode(query) + extra;
  }

  private static List<JsonNode> lines(String ndjson) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    for (String line : ndjson.split("\n")) {
      if (!line.isEmpty()) {
        events.add(JSON.readTree(line));
      }
    }
    return events;
  }

  private static JsonNode exportStats() {
    return get("/api/v1/stats", admin).json().path("exports");
  }

  @Test
  void everyEventBeyondTheSearchLimitComesExactlyOnceOldestFirst() throws Exception {
    TestServer.Reply search = get("/api/v1/search?from=now-7d&q=service:seq&limit=" + (MAX_LIMIT + 1), admin);
    assertThat(search.status()).as("one search cannot return them all").isEqualTo(400);

    TestServer.Reply reply = get(export("service:seq", ""), admin);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/x-ndjson");
    List<JsonNode> events = lines(reply.body());
    assertThat(events).hasSize(SEQ_EVENTS);
    Set<Long> seen = new HashSet<>();
    String previous = "";
    for (JsonNode event : events) {
      assertThat(seen.add(event.path("seq").asLong())).as("seq %s once", event.path("seq")).isTrue();
      String timestamp = event.path("timestamp").asText();
      assertThat(Instant.parse(timestamp)).as("oldest first").isAfterOrEqualTo(previous.isEmpty() ? Instant.EPOCH
          : Instant.parse(previous));
      previous = timestamp;
    }
    assertThat(seen).hasSize(SEQ_EVENTS);
    assertThat(events.get(0).path("timestamp").asText()).isEqualTo(base.toString());

    TestServer.Reply firstDay = get("/api/v1/export?q=service:seq&from=" + base + "&to="
        + base.plus(6, ChronoUnit.HOURS), admin);
    assertThat(lines(firstDay.body())).as("bounded by the range").hasSize(2 * SAME_TIMESTAMP);
  }

  @Test
  void csvQuotesCellsAndDisarmsFormulas() throws Exception {
    Instant at = base.minus(2, ChronoUnit.DAYS);
    ingest("{\"timestamp\":\"" + at + "\",\"service\":\"csv\",\"message\":\"=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")\","
        + "\"n\":-5}\n"
        + "{\"timestamp\":\"" + at.plusSeconds(1) + "\",\"service\":\"csv\",\"message\":\"a, \\\"quoted\\\"\\nline\","
        + "\"user\":\"@admin\"}\n"
        + "{\"timestamp\":\"" + at.plusSeconds(2) + "\",\"service\":\"csv\",\"message\":\"+1\",\"user\":\"-2+3\"}\n");
    awaitTotal("service:csv", 3);
    TestServer.Reply reply = get(export("service:csv", "&format=csv&fields=timestamp,message,n,user"), admin);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("text/csv");
    assertThat(reply.body()).isEqualTo("timestamp,message,n,user\r\n"
        + at + ",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",-5,\r\n"
        + at.plusSeconds(1) + ",\"a, \"\"quoted\"\"\nline\",,'@admin\r\n"
        + at.plusSeconds(2) + ",'+1,,'-2+3\r\n");

    TestServer.Reply defaults = get(export("service:csv", "&format=csv"), admin);
    assertThat(defaults.body()).startsWith("timestamp,level,service,host,message\r\n");
    assertThat(defaults.body().split("\r\n")).hasSize(4);
  }

  @Test
  void aServiceScopedKeyExportsOnlyItsServices() throws Exception {
    Instant at = base.minus(3, ChronoUnit.DAYS);
    StringBuilder mixed = new StringBuilder();
    for (String service : List.of("payment-api", "payment-worker", "billing", "inventory")) {
      for (int i = 0; i < 30; i++) {
        mixed.append("{\"timestamp\":\"").append(at.plusSeconds(i)).append("\",\"service\":\"").append(service)
            .append("\",\"tenant\":\"scoped\",\"message\":\"m ").append(i).append("\"}\n");
      }
    }
    ingest(mixed.toString());
    awaitTotal("tenant:scoped", 120);
    TestServer.Reply created = server.send("POST", "/api/v1/admin/keys",
        "{\"name\": \"payments\", \"scope\": \"read\", \"services\": [\"payment-*\"]}",
        "Authorization", "ApiKey " + admin, "Content-Type", "application/json");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String reader = created.json().path("key").asText();

    for (String widening : List.of("tenant:scoped", "", "service:billing", "* OR service:billing",
        "NOT service:payment-api", "service:(billing OR inventory)")) {
      TestServer.Reply reply = get(export(widening, ""), reader);
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      for (JsonNode event : lines(reply.body())) {
        assertThat(event.path("service").asText()).as(widening).startsWith("payment-");
      }
      TestServer.Reply csv = get(export(widening, "&format=csv&fields=service"), reader);
      assertThat(csv.body()).as(widening).doesNotContain("billing").doesNotContain("inventory")
          .doesNotContain("seq").doesNotContain("bulk");
    }
    assertThat(lines(get(export("tenant:scoped", ""), reader).body())).hasSize(60);
    assertThat(get(export("service:billing", ""), reader).body()).as("outside its scope: nothing").isEmpty();
    assertThat(lines(get(export("tenant:scoped", ""), admin).body())).as("admin sees all").hasSize(120);
    assertThat(server.send("GET", export("", ""), null).status()).as("no key").isEqualTo(401);
  }

  @Test
  void clientsGoneMidStreamFreeTheirExportsAndTheServerStillAnswers() throws Exception {
    long cancelledBefore = exportStats().path("cancelled").asLong();
    List<Socket> clients = new ArrayList<>();
    for (int i = 0; i < ExportHandler.MAX_RUNNING; i++) {
      clients.add(startReadingBulkExport());
    }
    assertThat(exportStats().path("running").asInt()).as("every client stopped reading: every export waits")
        .isEqualTo(ExportHandler.MAX_RUNNING);
    TestServer.Reply refused = get(export("service:bulk", ""), admin);
    assertThat(refused.status()).as("one export over the cap").isEqualTo(429);
    assertThat(refused.header("Retry-After")).isNotNull();

    for (Socket client : clients) {
      client.close();
    }
    Await.until("the exports of gone clients end", () -> exportStats().path("running").asInt() == 0);
    assertThat(exportStats().path("cancelled").asLong() - cancelledBefore).isEqualTo(ExportHandler.MAX_RUNNING);
    assertThat(get("/api/v1/search?from=now-7d&q=service:bulk&limit=1", admin).status()).isEqualTo(200);
    TestServer.Reply again = get(export("service:seq", "&format=csv&fields=seq"), admin);
    assertThat(again.status()).as("the slots are free again").isEqualTo(200);
    assertThat(again.body().split("\r\n")).hasSize(SEQ_EVENTS + 1);
  }

  /** Opens an export of the bulk data over a raw socket, reads its headers and first bytes, then stops reading. */
  private static Socket startReadingBulkExport() throws Exception {
    URI uri = server.uri(export("service:bulk", ""));
    Socket socket = new Socket();
    socket.setReceiveBufferSize(16 * 1024);
    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
    OutputStream out = socket.getOutputStream();
    out.write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: " + uri.getHost()
        + "\r\nAuthorization: ApiKey " + admin + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    byte[] first = in.readNBytes(8 * 1024);
    String head = new String(first, StandardCharsets.ISO_8859_1);
    assertThat(head).startsWith("HTTP/1.1 200").contains("\"service\":\"bulk\"");
    return socket;
  }

  @Test
  void badParametersAreRefusedNamingWhatIsWrong() {
    Map<String, String> refusals = Map.of(
        "/api/v1/export?q=*&to=now", "'from'",
        "/api/v1/export?q=*&from=now-1h", "'to'",
        "/api/v1/export?q=*", "from, to",
        "/api/v1/export?from=now&to=now-1h", "after",
        "/api/v1/export?from=yesterday-ish&to=now", "'from'",
        export("*", "&format=xml"), "ndjson or csv",
        export("*", "&fields=service"), "format=csv",
        export("*", "&format=csv&fields=service,,message"), "empty name",
        export("level:ERROR | stats count() by service", ""), "without pipes",
        export("service:(billing", ""), "syntax");
    refusals.forEach((path, reason) -> {
      TestServer.Reply reply = get(path, admin);
      assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(400);
      assertThat(reply.json().path("error").asText()).as(path).contains(reason);
    });
  }
}

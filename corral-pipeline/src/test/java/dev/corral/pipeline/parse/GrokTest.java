package dev.corral.pipeline.parse;

import static dev.corral.pipeline.parse.Definitions.build;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrokTest {
  static final String APACHE_COMBINED = "83.149.9.216 - - [17/May/2015:10:05:03 +0000] \"GET /presentations/logstash-monitorama-2013/images/kibana-search.png HTTP/1.1\" 200 203023 \"http://semicomplete.com/presentations/logstash-monitorama-2013/\" \"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.77 Safari/537.36\"";

  /** The pattern and definitions of Filebeat's nginx access module pipeline. */
  static final String NGINX_ACCESS = "(%{NGINX_HOST} )?\"?(?:%{NGINX_ADDRESS_LIST:nginx.access.remote_ip_list}|%{NOTSPACE:source.address}) - (-|%{DATA:user.name}) \\[%{HTTPDATE:nginx.access.time}\\] \"%{DATA:nginx.access.info}\" %{NUMBER:http.response.status_code:long} %{NUMBER:http.response.body.bytes:long} \"(-|%{DATA:http.request.referrer})\" \"(-|%{DATA:user_agent.original})\"";
  static final Map<String, Object> NGINX_DEFINITIONS = Map.of(
      "NGINX_HOST", "(?:%{IP:destination.ip}|%{NGINX_NOTSEPARATOR:destination.domain})(:%{NUMBER:destination.port})?",
      "NGINX_NOTSEPARATOR", "[^\t ,:]+",
      "NGINX_ADDRESS_LIST", "(?:%{IP}|%{WORD})(\"?,?\\s*(?:%{IP}|%{WORD}))*");

  private static MapDocument run(Processor processor, String message) throws ProcessorException {
    MapDocument document = MapDocument.of("message", message);
    assertThat(processor.process(document)).isTrue();
    return document;
  }

  @Test
  void combinedApacheLogGivesEveryField() throws Exception {
    Processor grok = build(GrokFactory.FACTORY, "field", "message", "patterns", List.of("%{COMBINEDAPACHELOG}"));
    MapDocument document = run(grok, APACHE_COMBINED);
    assertThat(document.fields()).containsEntry("clientip", "83.149.9.216")
        .containsEntry("verb", "GET").containsEntry("response", "200").containsEntry("bytes", "203023")
        .containsEntry("timestamp", "17/May/2015:10:05:03 +0000").containsEntry("httpversion", "1.1")
        .containsEntry("request", "/presentations/logstash-monitorama-2013/images/kibana-search.png")
        .containsEntry("referrer", "\"http://semicomplete.com/presentations/logstash-monitorama-2013/\"");
    assertThat((String) document.get("agent")).contains("Chrome/32.0.1700.77");
  }

  @Test
  void httpdCommonLogIsKnownByItsNewerName() throws Exception {
    Processor grok = build(GrokFactory.FACTORY, "field", "message", "patterns", "%{HTTPD_COMMONLOG}");
    MapDocument document = run(grok, "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326");
    assertThat(document.fields()).containsEntry("auth", "frank").containsEntry("bytes", "2326")
        .containsEntry("request", "/apache_pb.gif");
  }

  @Test
  void nginxAccessAsFilebeatDefinesItWithTypedEcsCaptures() throws Exception {
    Processor grok = build(GrokFactory.FACTORY, "field", "message", "patterns", NGINX_ACCESS,
        "pattern_definitions", NGINX_DEFINITIONS);
    MapDocument document = run(grok, "10.0.0.2, 10.0.0.1 - alice [07/Dec/2016:11:05:07 +0100] \"GET /ocelot HTTP/1.1\" 404 571 \"-\" \"curl/7.47.0\"");
    assertThat(document.fields()).containsEntry("nginx.access.remote_ip_list", "10.0.0.2, 10.0.0.1")
        .containsEntry("user.name", "alice").containsEntry("http.response.status_code", 404L)
        .containsEntry("http.response.body.bytes", 571L).containsEntry("user_agent.original", "curl/7.47.0")
        .containsEntry("nginx.access.info", "GET /ocelot HTTP/1.1").doesNotContainKey("http.request.referrer");
  }

  @Test
  void syslogLines() throws Exception {
    Processor bsd = build(GrokFactory.FACTORY, "field", "message", "patterns", "%{SYSLOGLINE}");
    MapDocument line = run(bsd, "Mar  7 09:31:46 web-01 sshd[4242]: Accepted publickey for deploy from 10.1.2.3 port 52144 ssh2");
    assertThat(line.fields()).containsEntry("logsource", "web-01").containsEntry("program", "sshd")
        .containsEntry("pid", "4242").containsEntry("timestamp", "Mar  7 09:31:46");
    assertThat(line.getString("message")).startsWith("Accepted publickey");

    Processor rfc5424 = build(GrokFactory.FACTORY, "field", "message", "patterns", "%{SYSLOG5424LINE}");
    MapDocument modern = run(rfc5424, "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\"] An application event log entry");
    assertThat(modern.fields()).containsEntry("syslog5424_pri", "165").containsEntry("syslog5424_ver", "1")
        .containsEntry("syslog5424_ts", "2003-10-11T22:14:15.003Z").containsEntry("syslog5424_host", "mymachine.example.com")
        .containsEntry("syslog5424_app", "evntslog").containsEntry("syslog5424_msgid", "ID47")
        .containsEntry("syslog5424_msg", "An application event log entry");
  }

  @Test
  void javaStackTraceLine() throws Exception {
    Processor grok = build(GrokFactory.FACTORY, "field", "message", "patterns", "%{JAVASTACKTRACEPART}");
    MapDocument document = run(grok, "\tat com.example.orders.OrderService.place(OrderService.java:117)");
    assertThat(document.fields()).containsEntry("class", "com.example.orders.OrderService")
        .containsEntry("method", "place").containsEntry("file", "OrderService.java").containsEntry("line", "117");
  }

  @Test
  void basicPatternsWithEcsNamesInBothSpellings() throws Exception {
    Processor grok = build(GrokFactory.FACTORY, "field", "message",
        "patterns", "%{TIMESTAMP_ISO8601:@timestamp} %{IP:[source][ip]} %{URI:url.original}");
    MapDocument document = run(grok, "2024-03-01T12:00:00.123+01:00 2001:db8::7 https://shop.example.com:8443/cart?id=42");
    assertThat(document.fields()).containsEntry("@timestamp", "2024-03-01T12:00:00.123+01:00")
        .containsEntry("source.ip", "2001:db8::7").containsEntry("url.original", "https://shop.example.com:8443/cart?id=42");
  }

  @Test
  void ecsV1CapturesTheSameFormatsIntoEcsNames() throws Exception {
    Processor apache = build(GrokFactory.FACTORY, "field", "message", "patterns", "%{COMBINEDAPACHELOG}", "ecs_compatibility", "v1");
    assertThat(run(apache, APACHE_COMBINED).fields()).containsEntry("source.address", "83.149.9.216")
        .containsEntry("http.request.method", "GET").containsEntry("http.version", "1.1")
        .containsEntry("http.response.status_code", 200L).containsEntry("http.response.body.bytes", 203023L)
        .containsEntry("http.request.referrer", "http://semicomplete.com/presentations/logstash-monitorama-2013/")
        .containsEntry("url.original", "/presentations/logstash-monitorama-2013/images/kibana-search.png")
        .doesNotContainKeys("clientip", "user.name");
    assertThat((String) run(apache, APACHE_COMBINED).get("user_agent.original")).startsWith("Mozilla/5.0 (Macintosh;");

    Processor syslog = build(GrokFactory.FACTORY, "field", "message", "patterns", "%{SYSLOGLINE}", "ecs_compatibility", "v1");
    assertThat(run(syslog, "Mar  7 09:31:46 web-01 sshd[4242]: Accepted publickey").fields())
        .containsEntry("host.hostname", "web-01").containsEntry("process.name", "sshd").containsEntry("process.pid", 4242L)
        .containsEntry("message", "Accepted publickey");
    Processor rfc5424 = build(GrokFactory.FACTORY, "field", "message", "patterns", "%{SYSLOG5424LINE}", "ecs_compatibility", "v1");
    assertThat(run(rfc5424, "<165>1 2003-10-11T22:14:15.003Z host.example.com evntslog 812 ID47 - An event").fields())
        .containsEntry("log.syslog.priority", 165L).containsEntry("log.syslog.appname", "evntslog")
        .containsEntry("log.syslog.procid", "812").containsEntry("log.syslog.msgid", "ID47").containsEntry("message", "An event");
    Processor java = build(GrokFactory.FACTORY, "field", "message", "patterns", "%{JAVASTACKTRACEPART}", "ecs_compatibility", "v1");
    assertThat(run(java, "\tat com.example.Orders.place(Orders.java:117)").fields())
        .containsEntry("java.log.origin.class.name", "com.example.Orders").containsEntry("log.origin.function", "place")
        .containsEntry("log.origin.file.name", "Orders.java").containsEntry("log.origin.file.line", 117L);
    assertThat(GrokDebugger.captures("%{SYSLOGPROG}", Map.of(), true, "cron[7]").orElseThrow())
        .extracting(GrokDebugger.GrokCapture::field).containsExactly("process.name", "process.pid");
  }

  @Test
  void typedCapturesBecomeNumbersAndBooleans() throws Exception {
    Processor grok = build(GrokFactory.FACTORY, "field", "message", "patterns",
        "%{NUMBER:a:int} %{NUMBER:b:long} %{NUMBER:c:float} %{NUMBER:d:double} %{WORD:e:boolean} %{NUMBER:f}");
    MapDocument document = run(grok, "12 9000000000 1.5 2.25 true 7");
    assertThat(document.fields()).containsEntry("a", 12L).containsEntry("b", 9_000_000_000L)
        .containsEntry("c", 1.5).containsEntry("d", 2.25).containsEntry("e", true).containsEntry("f", "7");
  }

  @Test
  void aTypedCaptureThatDoesNotConvertFailsTheEventNotTheThread() throws Exception {
    Processor grok = build(GrokFactory.FACTORY, "field", "message", "patterns", "%{NUMBER:n:int}");
    assertThatThrownBy(() -> grok.process(MapDocument.of("message", "took 1.5 s")))
        .isInstanceOf(ProcessorException.class).hasMessageContaining("a typed capture does not convert")
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> grok.process(MapDocument.of("message", "99999999999")))
        .isInstanceOf(ProcessorException.class).hasMessageContaining("99999999999");
    assertThat(run(grok, "took 15 s").fields()).containsEntry("n", 15L);
  }

  @Test
  void patternsAreTriedInOrderAndTraceMatchTellsWhich() throws Exception {
    Processor grok = build(GrokFactory.FACTORY, "field", "message", "trace_match", true,
        "patterns", List.of("^%{INT:code:int}$", "%{WORD:word}", "%{GREEDYDATA:rest}"));
    assertThat(run(grok, "404").fields()).containsEntry("code", 404L).containsEntry("_ingest._grok_match_index", "0");
    MapDocument word = run(grok, "hello there");
    assertThat(word.fields()).containsEntry("word", "hello").containsEntry("_ingest._grok_match_index", "1")
        .doesNotContainKey("rest");
  }

  @Test
  void customDefinitionsAndOverrides() throws Exception {
    Processor grok = build(GrokFactory.FACTORY, "field", "message", "patterns", "%{ORDER:order} by %{USER:user}",
        "pattern_definitions", Map.of("ORDER", "ORD-[0-9]{6}", "USER", "[a-z]+"));
    MapDocument document = run(grok, "ORD-004711 by bob");
    assertThat(document.fields()).containsEntry("order", "ORD-004711").containsEntry("user", "bob");
  }

  @Test
  void noMatchFailsWithElasticsearchsMessage() throws Exception {
    Processor grok = build(GrokFactory.FACTORY, "field", "message", "patterns", "%{COMBINEDAPACHELOG}");
    assertThatThrownBy(() -> grok.process(MapDocument.of("message", "not an access line")))
        .isInstanceOf(ProcessorException.class)
        .hasMessage("Provided Grok expressions do not match field value: [not an access line]");
  }

  @Test
  void missingFieldFailsUnlessIgnored() throws Exception {
    Processor strict = build(GrokFactory.FACTORY, "field", "msg", "patterns", "%{WORD:w}");
    assertThatThrownBy(() -> strict.process(new MapDocument())).isInstanceOf(ProcessorException.class)
        .hasMessageContaining("[msg]");
    Processor lenient = build(GrokFactory.FACTORY, "field", "msg", "patterns", "%{WORD:w}", "ignore_missing", true);
    MapDocument document = new MapDocument();
    assertThat(lenient.process(document)).isTrue();
    assertThat(document.fields()).isEmpty();
  }

  @Test
  void unknownPatternIsRefusedWithTheNearestName() {
    assertThatThrownBy(() -> build(GrokFactory.FACTORY, "field", "message", "patterns", "%{COMBINEDAPACHELOGG}"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("pipeline 'test', processor 1")
        .hasMessageContaining("unknown grok pattern %{COMBINEDAPACHELOGG}")
        .hasMessageContaining("did you mean COMBINEDAPACHELOG?");
    assertThatThrownBy(() -> build(GrokFactory.FACTORY, "field", "message", "patterns", "%{A:a}",
        "pattern_definitions", Map.of("A", "%{B}", "B", "%{A}")))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("refers to itself");
    assertThatThrownBy(() -> build(GrokFactory.FACTORY, "field", "message", "patterns", "%{WORD:w}", "ecs_compatibility", "v8"))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("ecs_compatibility");
    assertThatThrownBy(() -> build(GrokFactory.FACTORY, "field", "message", "patterns", "%{WORD:w}", "ignore_mising", true))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("ignore_mising");
  }

  @Test
  void catastrophicPatternHitsTheBudgetAndTheNextEventStillParses() throws Exception {
    Processor grok = build(GrokFactory.FACTORY, "field", "message", "timeout_millis", 20,
        "patterns", List.of("^(a+)+$"));
    assertThatThrownBy(() -> grok.process(MapDocument.of("message", "a".repeat(64) + "!")))
        .isInstanceOf(ProcessorException.class)
        .hasMessageStartingWith("grok timed out after 20 ms on field [message]");
    assertThat(grok.process(MapDocument.of("message", "aaaa"))).isTrue();
  }

  @Test
  void hugeLinesAreMatchedAndQuotedShortInErrors() throws Exception {
    // A budget for a line this size (a real one matches in microseconds per kilobyte).
    Processor grok = build(GrokFactory.FACTORY, "field", "message", "patterns", "^%{WORD:first} %{GREEDYDATA:rest}$",
        "timeout_millis", 5000);
    String huge = "start " + "x".repeat(2_000_000);
    MapDocument document = run(grok, huge);
    assertThat(document.getString("first")).isEqualTo("start");
    assertThat(document.getString("rest")).hasSize(2_000_000);

    Processor strict = build(GrokFactory.FACTORY, "field", "message", "patterns", "^%{INT:n}$");
    assertThatThrownBy(() -> strict.process(MapDocument.of("message", huge)))
        .isInstanceOf(ProcessorException.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400).contains("2000006 chars"));
  }

  @Test
  void unpairedSurrogatesDoNotBreakMatching() throws Exception {
    Processor grok = build(GrokFactory.FACTORY, "field", "message", "patterns", "%{WORD:user} said %{GREEDYDATA:what}");
    MapDocument document = run(grok, "bob said \uD83D oops \uDC00 ok");
    assertThat(document.getString("user")).isEqualTo("bob");
    assertThat(document.getString("what")).isEqualTo("? oops ? ok");
  }

  @Test
  void debuggerGivesEachCaptureWithItsOffsets() throws Exception {
    String line = "grüße 10.0.0.1 took 12ms";
    List<GrokDebugger.GrokCapture> captures = GrokDebugger.captures(
        "%{NOTSPACE:greeting} %{IP:[client][ip]} took %{NUMBER:took:int}ms", Map.of(), line).orElseThrow();
    assertThat(captures).extracting(GrokDebugger.GrokCapture::field).containsExactly("greeting", "client.ip", "took");
    for (GrokDebugger.GrokCapture capture : captures) {
      assertThat(line.substring(capture.start(), capture.end())).isEqualTo(capture.value());
    }
    assertThat(captures.get(1)).isEqualTo(new GrokDebugger.GrokCapture("client.ip", "10.0.0.1", 6, 14));
    assertThat(GrokDebugger.captures("%{INT:n}", Map.of(), "no digits")).isEmpty();
    assertThatThrownBy(() -> GrokDebugger.captures("%{IPV5:x}", Map.of(), line))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("did you mean IPV4?");
  }
}

package dev.corral.server.inputs.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.model.normalize.EventDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** RFC 5424 and RFC 3164 samples (the RFCs' own and real senders') decode to the canonical fields. */
class SyslogDecoderTest {
  /** 2026-03-10 12:00 UTC: RFC 3164 dates without a year are read against it. */
  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  private static final long RECEIVED = Timestamps.toNanos(NOW);
  private final SyslogDecoder decoder = new SyslogDecoder(EventDecoder.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

  private LogEvent decode(String message) throws InvalidSyslogException {
    return decode(decoder, message);
  }

  private static LogEvent decode(SyslogDecoder decoder, String message) throws InvalidSyslogException {
    byte[] bytes = ("xx" + message + "yy").getBytes(StandardCharsets.UTF_8);
    int length = bytes.length - 4;
    return decoder.decode(bytes, 2, length, "10.0.0.7", RECEIVED);
  }

  private static long nanos(String iso) {
    return Timestamps.toNanos(Instant.parse(iso));
  }

  @Test
  void rfc5424HeaderMapsToCanonicalFieldsAndStructuredDataToSdFields() throws Exception {
    LogEvent event = decode("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
        + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]"
        + "[examplePriority@32473 class=\"high\"] \uFEFFAn application event log entry...");
    assertThat(event.timestamp()).isEqualTo(nanos("2003-10-11T22:14:15.003Z"));
    assertThat(event.level()).isEqualTo(Level.INFO); // severity 5, notice
    assertThat(event.message()).isEqualTo("An application event log entry...");
    assertThat(event.get("host")).isEqualTo("mymachine.example.com");
    assertThat(event.get("service")).isEqualTo("evntslog");
    assertThat(event.get("syslog.facility")).isEqualTo("local4");
    assertThat(event.get("syslog.facility_code")).isEqualTo(20L);
    assertThat(event.get("syslog.severity")).isEqualTo("notice");
    assertThat(event.get("syslog.severity_code")).isEqualTo(5L);
    assertThat(event.get("syslog.msgid")).isEqualTo("ID47");
    assertThat(event.get("syslog.procid")).isNull();
    assertThat(event.get("sd.exampleSDID@32473.iut")).isEqualTo("3");
    assertThat(event.get("sd.exampleSDID@32473.eventSource")).isEqualTo("Application");
    assertThat(event.get("sd.exampleSDID@32473.eventID")).isEqualTo("1011");
    assertThat(event.get("sd.examplePriority@32473.class")).isEqualTo("high");
  }

  @Test
  void rfc5424TimestampKeepsFractionAndOffsetToTheNanosecond() throws Exception {
    assertThat(decode("<34>1 1985-04-12T19:20:50.52-04:00 h a - - - x").timestamp())
        .isEqualTo(nanos("1985-04-12T23:20:50.520Z"));
    assertThat(decode("<34>1 2003-08-24T05:14:15.000003-07:00 h a - - - x").timestamp())
        .isEqualTo(nanos("2003-08-24T12:14:15.000003Z"));
    assertThat(decode("<34>1 2026-01-02T03:04:05.123456789+05:30 h a - - - x").timestamp())
        .isEqualTo(nanos("2026-01-01T21:34:05.123456789Z"));
  }

  @Test
  void rfc5424NilValuesLeaveFieldsOutAndTheReceiveTimeStands() throws Exception {
    LogEvent event = decode("<11>1 - - - - - -");
    assertThat(event.timestamp()).isEqualTo(RECEIVED);
    assertThat(event.message()).isEmpty();
    assertThat(event.level()).isEqualTo(Level.ERROR);
    assertThat(event.get("host")).isEqualTo("10.0.0.7");
    assertThat(event.get("service")).isNull();
    assertThat(event.get("syslog.facility")).isEqualTo("user");
  }

  @Test
  void rfc5424ProcIdAndAnUnreadableTimestampAreKept() throws Exception {
    LogEvent event = decode("<14>1 yesterday-noon host app 4711 - - hello");
    assertThat(event.get("syslog.procid")).isEqualTo("4711");
    assertThat(event.timestamp()).isEqualTo(RECEIVED);
    assertThat(event.get("timestamp_original")).isEqualTo("yesterday-noon");
  }

  @Test
  void structuredDataEscapesAreUndoneAndRepeatedParamsKeptAsAJsonArray() throws Exception {
    LogEvent event = decode("<14>1 - h a - - [q@1 v=\"a \\\"quoted\\\" \\] \\\\ \\n\" tag=\"x\" tag=\"y\"][flag@1] m");
    assertThat(event.get("sd.q@1.v")).isEqualTo("a \"quoted\" ] \\ \\n");
    assertThat(event.get("sd.q@1.tag")).isEqualTo("[\"x\",\"y\"]");
    assertThat(event.get("sd.flag@1")).isEqualTo(true);
    assertThat(event.message()).isEqualTo("m");
  }

  @Test
  void multiLineAndUnicodeMessagesStayWhole() throws Exception {
    String text = "Grüße 日本語 🚀\njava.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)";
    assertThat(decode("<11>1 - h a - - - " + text + "\n").message()).isEqualTo(text);
  }

  @Test
  void rfc3164WithHostnameAndPidTag() throws Exception {
    LogEvent event = decode("<38>Mar  9 22:14:15 web-1 sshd[1234]: Accepted publickey for root");
    assertThat(event.timestamp()).isEqualTo(nanos("2026-03-09T22:14:15Z"));
    assertThat(event.get("host")).isEqualTo("web-1");
    assertThat(event.get("service")).isEqualTo("sshd");
    assertThat(event.get("syslog.procid")).isEqualTo("1234");
    assertThat(event.get("syslog.facility")).isEqualTo("auth");
    assertThat(event.level()).isEqualTo(Level.INFO);
    assertThat(event.message()).isEqualTo("Accepted publickey for root");
  }

  @Test
  void rfc3164TheRfcsOwnSample() throws Exception {
    LogEvent event = decode("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8");
    assertThat(event.level()).isEqualTo(Level.FATAL); // crit
    assertThat(event.get("host")).isEqualTo("mymachine");
    assertThat(event.get("service")).isEqualTo("su");
    assertThat(event.message()).isEqualTo("'su root' failed for lonvick on /dev/pts/8");
    assertThat(event.timestamp()).as("October is ahead of March: last year").isEqualTo(nanos("2025-10-11T22:14:15Z"));
  }

  @Test
  void rfc3164DateInTheFutureIsFromLastYearButASkewedClockIsNot() throws Exception {
    SyslogDecoder january = new SyslogDecoder(EventDecoder.defaults(),
        Clock.fixed(Instant.parse("2026-01-01T00:00:05Z"), ZoneOffset.UTC));
    assertThat(decode(january, "<13>Dec 31 23:59:59 h app: x").timestamp()).isEqualTo(nanos("2025-12-31T23:59:59Z"));
    assertThat(decode(january, "<13>Jan  1 00:10:00 h app: x").timestamp()).isEqualTo(nanos("2026-01-01T00:10:00Z"));
  }

  @Test
  void rfc3164TimeIsReadInTheServersZone() throws Exception {
    SyslogDecoder berlin = new SyslogDecoder(EventDecoder.defaults(), Clock.fixed(NOW, ZoneId.of("Europe/Berlin")));
    assertThat(decode(berlin, "<13>Mar  9 10:00:00.250 h app: x").timestamp()).isEqualTo(nanos("2026-03-09T09:00:00.250Z"));
  }

  @Test
  void rfc3164WithoutHostnameTheTagFollowsTheTimestamp() throws Exception {
    LogEvent event = decode("<86>Mar  9 08:00:01 CRON[42]: pam_unix(cron:session): session opened");
    assertThat(event.get("service")).isEqualTo("CRON");
    assertThat(event.get("syslog.procid")).isEqualTo("42");
    assertThat(event.get("host")).isEqualTo("10.0.0.7");
    assertThat(event.message()).isEqualTo("pam_unix(cron:session): session opened");
  }

  @Test
  void rfc3164WithoutTagTheRestIsTheMessage() throws Exception {
    LogEvent event = decode("<13>Mar  9 08:00:01 router7 link down on port 3");
    assertThat(event.get("host")).isEqualTo("router7");
    assertThat(event.get("service")).isNull();
    assertThat(event.message()).isEqualTo("link down on port 3");
  }

  @Test
  void rfc3164WithoutTimestampHasNoHostnameEither() throws Exception {
    LogEvent python = decode("<11>shop[977]: payment failed\nTraceback (most recent call last):\n  File \"x\"\u0000");
    assertThat(python.timestamp()).isEqualTo(RECEIVED);
    assertThat(python.level()).isEqualTo(Level.ERROR);
    assertThat(python.get("service")).isEqualTo("shop");
    assertThat(python.get("syslog.procid")).isEqualTo("977");
    assertThat(python.get("host")).isEqualTo("10.0.0.7");
    assertThat(python.message()).isEqualTo("payment failed\nTraceback (most recent call last):\n  File \"x\"");
    assertThat(decode("<14>hello world").message()).isEqualTo("hello world");
    assertThat(decode("<14>hello world").get("service")).isNull();
  }

  @Test
  void missingPriorityMeansUserNotice() throws Exception {
    LogEvent event = decode("Mar  9 08:00:01 db-2 postgres[7]: checkpoint complete");
    assertThat(event.get("syslog.facility")).isEqualTo("user");
    assertThat(event.get("syslog.severity")).isEqualTo("notice");
    assertThat(event.level()).isEqualTo(Level.INFO);
    assertThat(event.get("host")).isEqualTo("db-2");
    assertThat(event.get("service")).isEqualTo("postgres");
    assertThat(decode("just a line").message()).isEqualTo("just a line");
  }

  @Test
  void rfc3164WithIsoTimestampAsRsyslogForwardFormatSendsIt() throws Exception {
    LogEvent event = decode("<30>2026-03-09T10:11:12.345678+01:00 app-host systemd[1]: Started foo.service.");
    assertThat(event.timestamp()).isEqualTo(nanos("2026-03-09T09:11:12.345678Z"));
    assertThat(event.get("host")).isEqualTo("app-host");
    assertThat(event.get("service")).isEqualTo("systemd");
    assertThat(event.message()).isEqualTo("Started foo.service.");
  }

  @Test
  void ciscoIosSequenceNumberAndUnsynchronizedClockMark() throws Exception {
    LogEvent event = decode("<189>37: *Mar  1 00:04:52.123: %SYS-5-CONFIG_I: Configured from console by console");
    assertThat(event.timestamp()).isEqualTo(nanos("2026-03-01T00:04:52.123Z"));
    assertThat(event.get("service")).isEqualTo("%SYS-5-CONFIG_I");
    assertThat(event.get("syslog.facility")).isEqualTo("local7");
    assertThat(event.level()).isEqualTo(Level.INFO);
    assertThat(event.message()).isEqualTo("Configured from console by console");
  }

  @Test
  void jsonBodyIsAStructuredEventAndTheHeaderFillsWhatItLacks() throws Exception {
    LogEvent event = decode("<11>1 2026-03-09T10:00:00Z web-3 shop 12 - [meta@1 region=\"eu\"] "
        + "{\"msg\":\"card declined\",\"trace_id\":\"abc\",\"context\":{\"amount\":12}}");
    assertThat(event.message()).isEqualTo("card declined");
    assertThat(event.get("trace_id")).isEqualTo("abc");
    assertThat(event.get("context.amount")).isEqualTo(12L);
    assertThat(event.level()).as("from the severity: the JSON has none").isEqualTo(Level.ERROR);
    assertThat(event.timestamp()).isEqualTo(nanos("2026-03-09T10:00:00Z"));
    assertThat(event.get("host")).isEqualTo("web-3");
    assertThat(event.get("service")).isEqualTo("shop");
    assertThat(event.get("syslog.procid")).isEqualTo("12");
    assertThat(event.get("sd.meta@1.region")).isEqualTo("eu");
  }

  @Test
  void jsonFieldsWinOverTheHeaderAfterACeeCookie() throws Exception {
    LogEvent event = decode("<11>Mar  9 10:00:00 web-3 shop: @cee: {\"message\":\"ok\",\"log\":{\"level\":\"info\"},"
        + "\"service\":\"billing\",\"hostname\":\"pod-7\",\"@timestamp\":\"2026-03-09T11:00:00Z\"}");
    assertThat(event.message()).isEqualTo("ok");
    assertThat(event.level()).as("the JSON names its level").isEqualTo(Level.INFO);
    assertThat(event.get("service")).isEqualTo("billing");
    assertThat(event.get("host")).isEqualTo("pod-7");
    assertThat(event.timestamp()).isEqualTo(nanos("2026-03-09T11:00:00Z"));
    assertThat(event.get("syslog.facility")).isEqualTo("user");
  }

  @Test
  void textThatOnlyLooksLikeJsonStaysText() throws Exception {
    assertThat(decode("<14>1 - h a - - - {not json}").message()).isEqualTo("{not json}");
  }

  @Test
  void brokenJsonAfterACeeCookieIsRejected() {
    assertThatThrownBy(() -> decode("<14>1 - h a - - - @cee:{\"message\": oops}"))
        .isInstanceOf(InvalidSyslogException.class).hasMessageContaining("@cee: body is not a JSON event")
        .hasMessageContaining("malformed JSON");
  }

  @Test
  void brokenPriorityIsRejectedNamingIt() {
    assertThatThrownBy(() -> decode("<7995>hello")).isInstanceOf(InvalidSyslogException.class)
        .hasMessage("priority <7995> is out of range: the largest is <191> (facility 23, severity 7)");
    assertThatThrownBy(() -> decode("<192>hello")).hasMessageContaining("priority <192> is out of range");
    assertThatThrownBy(() -> decode("<ab>hello")).hasMessage("priority '<ab>he' is not <0> … <191> (at byte 1)");
    assertThatThrownBy(() -> decode("<13")).hasMessageContaining("is not <0> … <191>");
  }

  @Test
  void truncatedRfc5424HeaderIsRejectedNamingTheMissingField() {
    assertThatThrownBy(() -> decode("<34>1 2003-10-11T22:14:15.003Z mymachine"))
        .isInstanceOf(InvalidSyslogException.class).hasMessageStartingWith("RFC 5424 header ends after HOSTNAME (at byte 41)");
    assertThatThrownBy(() -> decode("<34>1 2003-10-11T22:14:15.003Z h a p m"))
        .hasMessageStartingWith("RFC 5424 header ends after MSGID");
    assertThatThrownBy(() -> decode("<34>1 2003-10-11T22:14:15.003Z h a p m "))
        .hasMessageStartingWith("RFC 5424 header has no STRUCTURED-DATA");
    assertThatThrownBy(() -> decode("<34>1 2003-10-11T22:14:15.003Z  a p m -"))
        .hasMessageStartingWith("RFC 5424 header has an empty HOSTNAME");
  }

  @Test
  void malformedStructuredDataIsRejectedWithItsPlace() {
    assertThatThrownBy(() -> decode("<34>1 - h a - - [broken sd msg")).isInstanceOf(InvalidSyslogException.class)
        .hasMessage("RFC 5424 structured data: expected PARAM-NAME=\"VALUE\" in element [broken] (at byte 25)");
    assertThatThrownBy(() -> decode("<34>1 - h a - - [id@1 k=\"v msg"))
        .hasMessage("RFC 5424 structured data: value of id@1.k is not closed with '\"' (at byte 31)");
    assertThatThrownBy(() -> decode("<34>1 - h a - - [id@1 k=\"v\"")).hasMessageContaining("is not closed with ']'");
    assertThatThrownBy(() -> decode("<34>1 - h a - - [id@1]x")).hasMessageContaining("instead of a space");
    assertThatThrownBy(() -> decode("<34>1 - h a - - {x}")).hasMessageContaining("not '-' or '['");
  }

  @Test
  void tooManyStructuredDataParamsBreakTheFieldLimit() {
    StringBuilder sd = new StringBuilder("[many@1");
    for (int i = 0; i <= 1000; i++) {
      sd.append(" p").append(i).append("=\"v\"");
    }
    assertThatThrownBy(() -> decode("<34>1 - h a - - " + sd + "] m"))
        .hasMessage("structured data has more than 1000 parameters, the limit (ingest.max_fields)");
  }
}

package dev.corral.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SearchCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void sinceBecomesARelativeLowerBoundAndTheQueryIsEncoded() {
    SearchCommand command = new SearchCommand();
    new CommandLine(command).parseArgs("service:checkout AND \"card declined\"", "--since", "15m", "-n", "7",
        "--url", "http://logs.internal:9000/");
    String uri = "http://logs.internal:9000" + command.searchPath();
    assertThat(uri).startsWith("http://logs.internal:9000/api/v1/search?q=service%3Acheckout%20AND%20%22card%20declined%22")
        .contains("&limit=7").contains("&from=now-15m");
  }

  @Test
  void eventLineIsReadableWithoutColour() throws Exception {
    String line = new EventLine(false).format(JSON.readTree("""
        {"timestamp":"2026-11-21T17:00:00.5Z","level":"ERROR","service":"payment-gateway","message":"card declined",
         "exception.type":"CardError","exception.message":"issuer unavailable","trace_id":"abc"}"""));
    assertThat(line).isEqualTo("2026-11-21T17:00:00.500Z ERROR payment-gateway    card declined CardError: issuer unavailable"
        + "  trace_id=abc");
  }

  @Test
  void colourMarksTheLevel() throws Exception {
    String line = new EventLine(true).format(JSON.readTree("{\"timestamp\":\"2026-11-21T17:00:00Z\",\"level\":\"WARN\",\"message\":\"m\"}"));
    assertThat(line).contains("\u001b[33mWARN ");
  }
}

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

class UserAgentTest {
  static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.109 Safari/537.36";
  static final String FIREFOX = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
  static final String SAFARI_IOS = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1";
  static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

  private static Map<String, Object> parse(String header) throws Exception {
    MapDocument document = MapDocument.of("http.user_agent", header);
    assertThat(build(UserAgentFactory.FACTORY, "field", "http.user_agent").process(document)).isTrue();
    document.remove("http.user_agent");
    return document.fields();
  }

  @Test
  void chromeOnWindows() throws Exception {
    assertThat(parse(CHROME)).containsEntry("user_agent.name", "Chrome").containsEntry("user_agent.version", "120.0.6099")
        .containsEntry("user_agent.os.name", "Windows").containsEntry("user_agent.os.version", "10")
        .containsEntry("user_agent.os.full", "Windows 10").containsEntry("user_agent.device.name", "Other")
        .containsEntry("user_agent.original", CHROME);
  }

  @Test
  void firefoxOnUbuntu() throws Exception {
    assertThat(parse(FIREFOX)).containsEntry("user_agent.name", "Firefox").containsEntry("user_agent.version", "121.0")
        .containsEntry("user_agent.os.name", "Ubuntu");
  }

  @Test
  void safariOnAnIphone() throws Exception {
    assertThat(parse(SAFARI_IOS)).containsEntry("user_agent.name", "Mobile Safari")
        .containsEntry("user_agent.version", "17.1.2").containsEntry("user_agent.os.name", "iOS")
        .containsEntry("user_agent.os.version", "17.1.2").containsEntry("user_agent.device.name", "iPhone");
  }

  @Test
  void curlAndGooglebot() throws Exception {
    assertThat(parse("curl/8.4.0")).containsEntry("user_agent.name", "curl").containsEntry("user_agent.version", "8.4.0")
        .containsEntry("user_agent.os.name", "Other").doesNotContainKey("user_agent.os.version");
    assertThat(parse(GOOGLEBOT)).containsEntry("user_agent.name", "Googlebot").containsEntry("user_agent.version", "2.1")
        .containsEntry("user_agent.device.name", "Spider");
  }

  @Test
  void emptyAndGarbageAreOther() throws Exception {
    for (String header : List.of("", "!!!???###", "\uD83D\u0000\t")) {
      assertThat(parse(header)).containsEntry("user_agent.name", "Other").containsEntry("user_agent.os.name", "Other")
          .containsEntry("user_agent.device.name", "Other").containsEntry("user_agent.original", header)
          .doesNotContainKey("user_agent.version");
    }
  }

  @Test
  void aTenKilobyteHeaderIsParsedOnItsHeadAndKeptWhole() throws Exception {
    String huge = FIREFOX + " " + "x".repeat(10_240);
    assertThat(parse(huge)).containsEntry("user_agent.name", "Firefox").containsEntry("user_agent.original", huge);
  }

  @Test
  void propertiesTargetAndRepeatsFromTheCache() throws Exception {
    Processor processor = build(UserAgentFactory.FACTORY, "field", "ua", "target_field", "client.agent",
        "properties", List.of("name", "version"));
    for (int i = 0; i < 3; i++) {
      MapDocument document = MapDocument.of("ua", CHROME);
      processor.process(document);
      assertThat(document.fields()).containsOnlyKeys("ua", "client.agent.name", "client.agent.version");
    }
    assertThat(UserAgentProcessor.parse(CHROME)).isSameAs(UserAgentProcessor.parse(CHROME));
  }

  @Test
  void missingFieldAndBadOptions() throws Exception {
    Processor strict = build(UserAgentFactory.FACTORY, "field", "ua");
    assertThatThrownBy(() -> strict.process(new MapDocument())).isInstanceOf(ProcessorException.class).hasMessageContaining("[ua]");
    MapDocument empty = new MapDocument();
    assertThat(build(UserAgentFactory.FACTORY, "field", "ua", "ignore_missing", true).process(empty)).isTrue();
    assertThat(empty.fields()).isEmpty();
    assertThatThrownBy(() -> build(UserAgentFactory.FACTORY, "field", "ua", "properties", List.of("browser")))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("unknown property 'browser'");
    assertThatThrownBy(() -> build(UserAgentFactory.FACTORY, "target_field", "x"))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("option 'field' is required");
  }
}

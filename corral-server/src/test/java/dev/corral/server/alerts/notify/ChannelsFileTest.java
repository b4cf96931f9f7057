package dev.corral.server.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * channels.yaml: every type read as documented, and every bad channel refused alone with its file, line, name and
 * field while the good ones are used; a file that is not YAML keeps the channels loaded before (over the API,
 * reloaded without restart).
 */
class ChannelsFileTest {
  @TempDir
  Path dir;

  private LoadedChannels read(String yaml) throws Exception {
    Path file = dir.resolve("channels.yaml");
    Files.writeString(file, yaml);
    Map<String, String> environment = Map.of("HOOK_SECRET", "from-env", "PD_KEY", "pd-key-1");
    return new ChannelsFile(file, new EnvironmentReferences(environment::get)).read();
  }

  @Test
  void everyTypeIsReadWithItsFieldsAndReferencesResolved() throws Exception {
    LoadedChannels loaded = read("""
        channels:
          - name: oncall
            type: webhook
            url: "http://127.0.0.1:9999/hook"
          - {name: signed, type: webhook, url: "https://hooks.example.com/x", secret: "${HOOK_SECRET}",
             headers: {X-Team: payments}}
          - {name: slack, type: slack, url: "https://hooks.slack.com/services/T0/B0/abc"}
          - {name: pd, type: pagerduty, routing_key: "${PD_KEY}"}
          - {name: am, type: alertmanager, url: "http://alertmanager:9093"}
          - name: mail
            type: email
            host: smtp.example.com
            from: corral@example.com
            to: [oncall@example.com, sre@example.com]
            username: corral
            password: "${HOOK_SECRET}"
        """);
    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.channels()).extracting(ChannelConfig::name)
        .containsExactly("oncall", "signed", "slack", "pd", "am", "mail");
    assertThat(((ChannelConfig.Webhook) loaded.channels().get(1)).secret()).isEqualTo("from-env");
    ChannelConfig.PagerDuty pd = (ChannelConfig.PagerDuty) loaded.channels().get(3);
    assertThat(pd.url()).hasToString(PagerDutyEvents.DEFAULT_URL);
    assertThat(pd.routingKey()).isEqualTo("pd-key-1");
    assertThat(((ChannelConfig.Alertmanager) loaded.channels().get(4)).alertsUrl())
        .hasToString("http://alertmanager:9093/api/v2/alerts");
    ChannelConfig.Email mail = (ChannelConfig.Email) loaded.channels().get(5);
    assertThat(mail.port()).as("STARTTLS submission port by default").isEqualTo(587);
    assertThat(mail.security()).isEqualTo("starttls");
    assertThat(mail.target()).isEqualTo("smtp.example.com:587");
    assertThat(loaded.channels().get(2).target()).as("no path: it is the secret").isEqualTo("hooks.slack.com");
  }

  @Test
  void eachBadChannelIsRefusedAloneNamingLineChannelAndField() throws Exception {
    LoadedChannels loaded = read("""
        channels:
          - name: good
            type: webhook
            url: "http://127.0.0.1:9999/hook"
          - name: strange
            type: carrier-pigeon
          - name: nourl
            type: slack
          - name: ftp
            type: webhook
            url: "ftp://files.example.com/hook"
          - name: unset
            type: webhook
            url: "http://127.0.0.1:9999/hook"
            secret: "${NOT_SET_ANYWHERE}"
          - name: typo
            type: webhook
            url: "http://127.0.0.1:9999/hook"
            secert: x
          - name: good
            type: slack
            url: "https://hooks.slack.com/services/x"
          - name: badmail
            type: email
            host: smtp.example.com
            from: "not an address"
            to: oncall@example.com
        """);
    assertThat(loaded.channels()).extracting(ChannelConfig::name).containsExactly("good");
    assertThat(loaded.problems()).extracting(ChannelProblem::toString).containsExactly(
        dir.resolve("channels.yaml") + " line 5, channel 'strange', field 'type': unknown type 'carrier-pigeon':"
            + " expected one of webhook, slack, pagerduty, email, alertmanager",
        dir.resolve("channels.yaml") + " line 7, channel 'nourl', field 'url': is required",
        dir.resolve("channels.yaml") + " line 9, channel 'ftp', field 'url': must be an http:// or https:// URL,"
            + " got scheme 'ftp'",
        dir.resolve("channels.yaml") + " line 12, channel 'unset', field 'secret': environment variable"
            + " NOT_SET_ANYWHERE (referenced as ${NOT_SET_ANYWHERE}) is not set",
        dir.resolve("channels.yaml") + " line 16, channel 'typo', field 'secert': unknown field for this type;"
            + " expected one of [headers, name, secret, type, url]",
        dir.resolve("channels.yaml") + " line 20, channel 'good', field 'name': another channel above already has"
            + " this name",
        dir.resolve("channels.yaml") + " line 23, channel 'badmail', field 'from': 'not an address' is not an email"
            + " address: Local address contains control or whitespace");
  }

  @Test
  void malformedYamlIsUnreadableWithItsLine() throws Exception {
    LoadedChannels loaded = read("channels:\n  - name: a\n    type: webhook\n    url: [unclosed\n");
    assertThat(loaded.readable()).isFalse();
    assertThat(loaded.channels()).isEmpty();
    assertThat(loaded.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.line()).isPositive();
      assertThat(problem.message()).startsWith("is not valid YAML");
    });
    assertThat(read("just text").problems().getFirst().message()).contains("must be a mapping");
    assertThat(read("").channels()).isEmpty();
  }

  @Test
  void theServerReloadsTheFileWithoutRestartAndKeepsTheOldChannelsWhenItBreaks() throws Exception {
    Path data = dir.resolve("data");
    try (RecordingReceiver hook = new RecordingReceiver();
        ChannelsServer corral = ChannelsServer.start(data, "channels: []\n", Map.of())) {
      Path file = data.resolve("alerts/channels.yaml");
      replace(file, "channels:\n  - name: oncall\n    type: webhook\n    url: " + hook.url("/h")
          + "\n  - name: broken\n    type: slack\n");
      JsonNode listing = awaitListing(corral, 1);
      assertThat(listing.path("channels").get(0).path("name").asText()).isEqualTo("oncall");
      JsonNode refused = listing.path("refused").get(0);
      assertThat(refused.path("line").asInt()).isEqualTo(5);
      assertThat(refused.path("channel").asText()).isEqualTo("broken");
      assertThat(refused.path("field").asText()).isEqualTo("url");
      assertThat(refused.path("error").asText()).isEqualTo("is required");

      replace(file, "channels: [ {name: oncall\n"); // a broken edit
      long deadline = System.currentTimeMillis() + 30_000;
      while (corral.server.get("/api/v1/alerts/channels").json().path("file_usable").asBoolean()
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      listing = corral.server.get("/api/v1/alerts/channels").json();
      assertThat(listing.path("file_usable").asBoolean()).isFalse();
      assertThat(listing.path("refused").get(0).path("error").asText()).startsWith("is not valid YAML");
      corral.notifier.send(List.of("oncall"), Notifications.errorSpike("payment-gateway", 7.5, true));
      assertThat(hook.await(1)).as("the channel loaded before still delivers").hasSize(1);
    }
  }

  /** Replaces the file as editors and git do: a new file renamed over the old one. */
  private static void replace(Path file, String text) throws java.io.IOException {
    Path next = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(next, text);
    Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static JsonNode awaitListing(ChannelsServer corral, int channels) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    JsonNode listing = corral.server.get("/api/v1/alerts/channels").json();
    while (listing.path("channels").size() != channels && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
      listing = corral.server.get("/api/v1/alerts/channels").json();
    }
    assertThat(listing.path("channels").size()).as("%s", listing).isEqualTo(channels);
    return listing;
  }
}

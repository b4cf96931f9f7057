package dev.corral.server.alerts.notify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code channels.yaml}: {@code channels:} is a list of channels, each with a {@code name}, a {@code type}
 * and that type's fields (docs/alerting-channels.md). A channel that is not valid is refused alone, with its
 * line, name and field; the others are used. A file that is missing has no channels; one that cannot be parsed
 * is {@linkplain LoadedChannels#readable() unreadable}. Stateless apart from its path; thread-safe.
 */
final class ChannelsFile {
  /** A channels file is a few dozen lines; one this large is a mistake, not configuration. */
  static final long MAX_FILE_BYTES = 1 << 20;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> COMMON = Set.of("name", "type");

  private final Path path;
  private final EnvironmentReferences environment;

  ChannelsFile(Path path, EnvironmentReferences environment) {
    this.path = path;
    this.environment = environment;
  }

  Path path() {
    return path;
  }

  /** Reads and validates the file now. */
  LoadedChannels read() {
    Instant now = Instant.now();
    String text;
    try {
      if (Files.size(path) > MAX_FILE_BYTES) {
        return unreadable(0, "is " + Files.size(path) + " bytes, over the limit of " + MAX_FILE_BYTES, now);
      }
      text = Files.readString(path);
    } catch (NoSuchFileException e) {
      return new LoadedChannels(List.of(), List.of(), true, now);
    } catch (IOException e) {
      return unreadable(0, "cannot be read: " + e, now);
    }
    try {
      return parse(text, now);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      return unreadable(line, "is not valid YAML: " + e.getOriginalMessage(), now);
    } catch (IOException e) {
      return unreadable(0, "cannot be parsed: " + e, now);
    }
  }

  private LoadedChannels parse(String text, Instant now) throws IOException {
    List<ChannelConfig> channels = new ArrayList<>();
    List<ChannelProblem> problems = new ArrayList<>();
    try (JsonParser parser = YAML.createParser(text)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return new LoadedChannels(channels, problems, true, now);
      }
      if (token != JsonToken.START_OBJECT) {
        return unreadable(line(parser), "must be a mapping with a 'channels:' list", now);
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!key.equals("channels")) {
          problems.add(new ChannelProblem(path.toString(), line(parser), "", key,
              "unknown top-level field; expected 'channels'"));
          parser.skipChildren();
        } else if (value == JsonToken.START_ARRAY) {
          readChannels(parser, channels, problems);
        } else if (value != JsonToken.VALUE_NULL) {
          return unreadable(line(parser), "'channels' must be a list", now);
        }
      }
    }
    return new LoadedChannels(channels, problems, true, now);
  }

  private void readChannels(JsonParser parser, List<ChannelConfig> channels, List<ChannelProblem> problems)
      throws IOException {
    Set<String> names = new HashSet<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      int line = line(parser);
      JsonNode node = YAML.readTree(parser);
      String name = node.path("name").asText("");
      try {
        if (!node.isObject()) {
          throw new InvalidChannelException("", "a channel must be a mapping with name, type and its fields");
        }
        ChannelConfig channel = channel(node, name);
        if (!names.add(channel.name())) {
          throw new InvalidChannelException("name", "another channel above already has this name");
        }
        channels.add(channel);
      } catch (InvalidChannelException e) {
        problems.add(new ChannelProblem(path.toString(), line, name, e.field(), e.getMessage()));
      }
    }
  }

  private ChannelConfig channel(JsonNode node, String name) throws InvalidChannelException {
    ChannelFields fields = new ChannelFields(node, environment);
    if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new InvalidChannelException("name", name.isEmpty() ? "is required"
          : "must be 1..64 letters, digits, '_', '.' or '-', got '" + name + "'");
    }
    ChannelType type;
    try {
      type = ChannelType.fromWireName(fields.required("type"));
    } catch (IllegalArgumentException e) {
      throw new InvalidChannelException("type", e.getMessage());
    }
    return switch (type) {
      case WEBHOOK -> {
        fields.allowOnly(with("url", "secret", "headers"));
        yield new ChannelConfig.Webhook(name, fields.url("url", null), fields.optional("secret", ""),
            fields.headers("headers"));
      }
      case SLACK -> {
        fields.allowOnly(with("url"));
        yield new ChannelConfig.Slack(name, fields.url("url", null));
      }
      case PAGERDUTY -> {
        fields.allowOnly(with("url", "routing_key", "severity_map"));
        Map<String, String> severities = fields.map("severity_map");
        for (Map.Entry<String, String> entry : severities.entrySet()) {
          if (!PagerDutyEvents.SEVERITIES.contains(entry.getValue())) {
            throw new InvalidChannelException("severity_map." + entry.getKey(), "is '" + entry.getValue()
                + "', expected one of " + PagerDutyEvents.SEVERITIES);
          }
        }
        yield new ChannelConfig.PagerDuty(name, fields.url("url", PagerDutyEvents.DEFAULT_URL),
            fields.required("routing_key"), severities);
      }
      case ALERTMANAGER -> {
        fields.allowOnly(with("url", "headers"));
        yield new ChannelConfig.Alertmanager(name, fields.url("url", null), fields.headers("headers"));
      }
      case EMAIL -> email(name, fields);
    };
  }

  private static ChannelConfig email(String name, ChannelFields fields) throws InvalidChannelException {
    fields.allowOnly(with("host", "port", "security", "from", "to", "username", "password", "ca_file"));
    String security = fields.optional("security", "starttls").trim().toLowerCase(Locale.ROOT);
    if (!Set.of("starttls", "tls", "none").contains(security)) {
      throw new InvalidChannelException("security", "is '" + security + "', expected starttls, tls or none");
    }
    List<String> to = fields.list("to");
    if (to.isEmpty()) {
      throw new InvalidChannelException("to", "is required: one address or a list of them");
    }
    for (String address : to) {
      EmailMessage.checkAddress("to", address);
    }
    String from = fields.required("from");
    EmailMessage.checkAddress("from", from);
    String username = fields.optional("username", "");
    String password = fields.optional("password", "");
    if (username.isEmpty() != password.isEmpty()) {
      throw new InvalidChannelException(username.isEmpty() ? "username" : "password",
          "username and password go together: set both or neither");
    }
    String host = fields.required("host").trim();
    int port = fields.integer("port", security.equals("tls") ? 465 : 587, 1, 65_535);
    String caFile = fields.optional("ca_file", "").trim();
    if (!caFile.isEmpty()) {
      if (security.equals("none")) {
        throw new InvalidChannelException("ca_file", "needs security starttls or tls");
      }
      TrustedCertificates.socketFactory("ca_file", java.nio.file.Path.of(caFile)); // refused now, not at the first page
    }
    return new ChannelConfig.Email(name, host, port, security, from, to, username, password, caFile);
  }

  private static Set<String> with(String... fields) {
    Set<String> all = new HashSet<>(COMMON);
    all.addAll(List.of(fields));
    return all;
  }

  private LoadedChannels unreadable(int line, String message, Instant now) {
    return new LoadedChannels(List.of(), List.of(new ChannelProblem(path.toString(), line, "", "", message)), false,
        now);
  }

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }
}

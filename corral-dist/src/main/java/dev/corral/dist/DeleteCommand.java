package dev.corral.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code corral delete --query Q --from DAY --to DAY}: an erasure on a running server through its
 * admin API ({@code POST /api/v1/admin/delete}, admin {@code --key}); prints what it removed per
 * day. docs/operations.md, "Erasure".
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
    description = "Erase the events a filter matches in a range of days: local partitions, archived days, raw backup"
        + " (audited; docs/operations.md).")
public final class DeleteCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin
  ClientOptions client;

  @Option(names = "--query", required = true, description = "The filter of the events to erase, e.g. 'user:alice'.")
  String query;

  @Option(names = "--from", required = true, description = "The first UTC day, YYYY-MM-DD.")
  String from;

  @Option(names = "--to", required = true, description = "The last UTC day, YYYY-MM-DD (included).")
  String to;

  @Option(names = "--confirm-all", description = "Needed when the filter matches every event of the range.")
  boolean confirmAll;

  @Override
  public Integer call() {
    return KeysCommand.report(() -> {
      ObjectNode body = JSON.createObjectNode().put("query", query).put("from", from).put("to", to);
      if (confirmAll) {
        body.put("confirm_all", true);
      }
      JsonNode report = client.client().send("POST", "/api/v1/admin/delete", JSON.writeValueAsString(body));
      for (JsonNode day : report.path("days")) {
        System.out.printf("%s  %d events  (archive: %s, raw backup: %s)%n", day.path("day").asText(),
            day.path("events").asLong(), day.path("archive").asText(), day.path("raw_backup").asText());
      }
      System.err.println("erasure " + report.path("id").asText() + ": " + report.path("events").asLong()
          + " events deleted in " + report.path("days").size() + " days");
      return 0;
    });
  }
}

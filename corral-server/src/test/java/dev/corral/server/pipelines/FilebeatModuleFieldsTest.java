package dev.corral.server.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.corral.demo.geo.DemoGeoDatabases;
import dev.corral.pipeline.definition.DefinitionReader;
import dev.corral.pipeline.definition.PipelineDefinition;
import dev.corral.pipeline.definition.ProcessorDefinition;
import dev.corral.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fields Filebeat's nginx and apache module pipelines produce beyond the request line: {@code
 * url.path}, {@code url.query}, {@code url.extension} ({@code uri_parts}), and {@code source.geo.*} /
 * {@code source.as.*} when the GeoIP databases are in the geoip directory (a corrupt one refuses the
 * install, naming the file).
 */
class FilebeatModuleFieldsTest {
  @TempDir
  Path data;

  private static JsonNode simulate(TestServer server, String fileset, String line) {
    String id = "filebeat-8.11.0-" + fileset + "-pipeline";
    assertThat(server.send("PUT", "/_ingest/pipeline/" + id, "{\"processors\":[]}", "Content-Type", "application/json")
        .status()).isEqualTo(200);
    JsonNode run = server.send("POST", "/_ingest/pipeline/" + id + "/_simulate", "{\"docs\":[{\"_source\":{\"message\":"
        + TextNode.valueOf(line) + "}}]}", "Content-Type", "application/json").json().path("docs").get(0);
    return run.path("doc").path("_source");
  }

  @Test
  void accessLinesGetTheUrlsPathQueryAndExtension() throws Exception {
    try (TestServer server = TestServer.start(data, Map.of())) {
      JsonNode nginx = simulate(server, "nginx-access", PipelineIngestTest.NGINX_LINE);
      assertThat(nginx.path("url.original").asText()).isEqualTo("/api/orders?id=7");
      assertThat(nginx.path("url.path").asText()).isEqualTo("/api/orders");
      assertThat(nginx.path("url.query").asText()).isEqualTo("id=7");
      assertThat(nginx.has("url.extension")).isFalse();
      assertThat(nginx.has("source.geo.country_iso_code")).as("no GeoIP database configured").isFalse();
      assertThat(nginx.has("error.message")).as(nginx.toString()).isFalse();

      JsonNode apache = simulate(server, "apache-access", "83.149.9.216 - - [05/Dec/2026:10:15:32 +0000] "
          + "\"GET /static/logo.png?v=2 HTTP/1.1\" 200 2048 \"-\" \"curl/8.4.0\"");
      assertThat(apache.path("url.path").asText()).isEqualTo("/static/logo.png");
      assertThat(apache.path("url.extension").asText()).isEqualTo("png");
      assertThat(apache.path("url.query").asText()).isEqualTo("v=2");
      assertThat(apache.has("error.message")).as(apache.toString()).isFalse();
    }
  }

  @Test
  void theClientIsLookedUpWhenTheGeoIpDatabasesAreThere() throws Exception {
    Path geoip = Files.createDirectories(data.resolve("geo"));
    String withoutDatabases = FilebeatModules.equivalent("filebeat-8.11.0-nginx-access-pipeline", geoip).orElseThrow();
    assertThat(types(withoutDatabases)).doesNotContain("geoip").contains("uri_parts");

    Files.writeString(geoip.resolve(FilebeatModules.CITY_DATABASE), "not a MaxMind database");
    Files.writeString(geoip.resolve(FilebeatModules.ASN_DATABASE), "not a MaxMind database");
    for (String fileset : List.of("nginx-access", "apache-access", "apache-error")) {
      String withDatabases = FilebeatModules.equivalent("filebeat-8.11.0-" + fileset + "-pipeline", geoip).orElseThrow();
      PipelineDefinition definition = DefinitionReader.readYaml(withDatabases, fileset);
      List<ProcessorDefinition> geo = definition.processors().stream().filter(p -> p.type().equals("geoip")).toList();
      assertThat(geo).as(fileset).hasSize(2);
      assertThat(geo.get(0).options()).containsEntry("field", "source.ip").containsEntry("target_field", "source.geo");
      assertThat(geo.get(1).options()).containsEntry("target_field", "source.as")
          .containsEntry("database_file", "GeoLite2-ASN.mmdb");
      assertThat(types(withDatabases)).as("geo after source.ip is known").containsSubsequence("grok", "geoip", "geoip",
          "rename", "rename");
    }
    assertThat(types(FilebeatModules.equivalent("filebeat-8.11.0-nginx-error-pipeline", geoip).orElseThrow()))
        .as("nginx's error lines carry no client address").doesNotContain("geoip");

    try (TestServer server = TestServer.start(data, Map.of("pipelines.geoip_dir", geoip.toString()))) {
      TestServer.Reply refused = server.send("PUT", "/_ingest/pipeline/filebeat-8.11.0-nginx-access-pipeline",
          "{\"processors\":[]}", "Content-Type", "application/json");
      assertThat(refused.status()).as("a corrupt database is named, not skipped").isEqualTo(400);
      assertThat(refused.body()).contains("GeoLite2-City.mmdb");
    }
  }

  @Test
  void aFilebeatAccessLineFromALondonClientGetsItsCityAndItsAsFromRealDatabases() throws Exception {
    Path geoip = DemoGeoDatabases.writeInto(Files.createDirectories(data.resolve("geo")));
    try (TestServer server = TestServer.start(data, Map.of("pipelines.geoip_dir", geoip.toString()))) {
      JsonNode london = simulate(server, "nginx-access", "81.2.69.142 - - [05/Dec/2026:10:15:32 +0000] "
          + "\"GET /cart?id=3 HTTP/1.1\" 200 512 \"-\" \"curl/8.4.0\"");
      assertThat(london.path("source.geo.city_name").asText()).as(london.toString()).isEqualTo("London");
      assertThat(london.path("source.geo.country_iso_code").asText()).isEqualTo("GB");
      assertThat(london.has("error.message")).as(london.toString()).isFalse();

      JsonNode telstra = simulate(server, "apache-access", "1.128.0.7 - - [05/Dec/2026:10:15:32 +0000] "
          + "\"GET / HTTP/1.1\" 200 512 \"-\" \"curl/8.4.0\"");
      assertThat(telstra.path("source.as.number").asLong()).as(telstra.toString()).isEqualTo(1221);
      assertThat(telstra.path("source.as.organization.name").asText()).isEqualTo("Telstra Pty Ltd");
      assertThat(telstra.has("source.geo.city_name")).as("not in the City database").isFalse();
    }
  }

  private static List<String> types(String yaml) throws Exception {
    return DefinitionReader.readYaml(yaml, "module").processors().stream().map(ProcessorDefinition::type).toList();
  }
}

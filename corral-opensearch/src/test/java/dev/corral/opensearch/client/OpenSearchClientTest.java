package dev.corral.opensearch.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.opensearch.node.ChildJvm;
import dev.corral.opensearch.node.OpenSearchTestNode;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The REST client against a real node: answers, failover past a dead URL, errors that name what went wrong. */
class OpenSearchClientTest {
  @RegisterExtension
  static final OpenSearchTestNode node = OpenSearchTestNode.shared();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void talksToARealNode() throws Exception {
    try (OpenSearchClient client = node.client()) {
      OpenSearchResponse root = client.get("/").requireSuccess();
      assertThat(root.json().path("version").path("distribution").asText()).isEqualTo("opensearch");
      assertThat(root.url()).isEqualTo(node.url());
    }
  }

  @Test
  void aDeadFirstUrlFailsOverToTheNextAndStaysThere() throws Exception {
    URI dead = URI.create("http://127.0.0.1:" + ChildJvm.freePort());
    try (OpenSearchClient client = new OpenSearchClient(ClientSettings.of(List.of(dead, node.url())))) {
      assertThat(client.get("/_cluster/health").requireSuccess().url()).isEqualTo(node.url());
      assertThat(client.get("/").requireSuccess().url()).as("the next request starts at the URL that answered")
          .isEqualTo(node.url());
    }
  }

  @Test
  void noReachableUrlIsAnErrorNamingEveryUrl() throws Exception {
    URI first = URI.create("http://127.0.0.1:" + ChildJvm.freePort());
    URI second = URI.create("http://127.0.0.1:" + ChildJvm.freePort());
    try (OpenSearchClient client = new OpenSearchClient(ClientSettings.of(List.of(first, second))
        .withCredentials("corral", "s3cret-pw"))) {
      assertThatThrownBy(() -> client.get("/"))
          .isInstanceOf(ClusterUnavailableException.class)
          .hasMessageContaining("GET /")
          .hasMessageContaining(first + " unreachable")
          .hasMessageContaining(second + " unreachable")
          .hasMessageNotContaining("s3cret-pw");
    }
  }

  @Test
  void aRefusedRequestNamesTheUrlStatusAndOpenSearchsReason() throws Exception {
    try (OpenSearchClient client = node.client()) {
      OpenSearchResponse answer = client.send("PUT", "/bad-index", JSON.readTree(
          "{\"mappings\":{\"properties\":{\"a\":{\"type\":\"no_such_type\"}}}}"));
      assertThatThrownBy(answer::requireSuccess)
          .isInstanceOf(OpenSearchException.class)
          .hasMessageContaining(node.url().toString())
          .hasMessageContaining("PUT /bad-index answered 400")
          .hasMessageContaining("mapper_parsing_exception")
          .hasMessageContaining("no_such_type");
    }
  }

  @Test
  void credentialsInTheUrlAreRefusedWithoutRepeatingThem() {
    assertThatThrownBy(() -> ClientSettings.of(List.of(URI.create("http://corral:s3cret-pw@127.0.0.1:9200"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("store.opensearch.username")
        .hasMessageNotContaining("s3cret-pw");
    assertThat(ClientSettings.of(List.of(node.url())).withCredentials("corral", "s3cret-pw").toString())
        .doesNotContain("s3cret-pw");
  }
}

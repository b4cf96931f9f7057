package dev.corral.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.entity.ContentType;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Elasticsearch REST client, as Filebeat and Logstash authenticate: an {@code ApiKey
 * base64(id:secret)} header, or user and password, which Apache's client sends only after a 401
 * that challenges with Basic (so ingest routes must offer it).
 */
class ElasticClientCredentialsTest {
  private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);
  private static final String BODY = "{\"index\":{\"_index\":\"shop\"}}\n{\"message\":\"paid\",\"service\":\"shop\"}\n";

  @TempDir
  Path data;

  private static int bulk(RestClient client) throws Exception {
    Request request = new Request("POST", "/_bulk");
    request.setEntity(new NStringEntity(BODY, NDJSON));
    return client.performRequest(request).getStatusLine().getStatusCode();
  }

  @Test
  void anIngestKeyWorksAsApiKeyHeaderAndAsBasicUserAndPassword() throws Exception {
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    String key = keys.create(new KeySpec("filebeat", Scope.INGEST, List.of(), null, null)).key();
    String reader = keys.create(new KeySpec("grafana", Scope.READ, List.of(), null, null)).key();
    String id = key.substring(0, key.indexOf(':'));
    try (TestServer server = TestServer.start(data, Map.of("auth.mode", "keys"))) {
      HttpHost host = new HttpHost("127.0.0.1", server.server().port(), "http");
      String apiKey = Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
      try (RestClient client = RestClient.builder(host)
          .setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "ApiKey " + apiKey)}).build()) {
        assertThat(bulk(client)).isEqualTo(200);
      }
      BasicCredentialsProvider credentials = new BasicCredentialsProvider();
      credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(id, key.substring(id.length() + 1)));
      try (RestClient client = RestClient.builder(host)
          .setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials)).build()) {
        assertThat(bulk(client)).isEqualTo(200);
      }
      try (RestClient client = RestClient.builder(host).build()) {
        assertThatThrownBy(() -> bulk(client)).isInstanceOfSatisfying(ResponseException.class,
            e -> assertThat(e.getResponse().getStatusLine().getStatusCode()).isEqualTo(401));
      }
      long total = 0;
      for (int attempt = 0; attempt < 400 && total != 2; attempt++) { // searchable within a refresh (100 ms)
        Thread.sleep(50);
        total = server.send("GET", "/api/v1/search?q=service:shop", null, "Authorization", "Bearer " + reader).json()
            .path("total").asLong();
      }
      assertThat(total).as("both bulk requests stored").isEqualTo(2);
    }
  }
}

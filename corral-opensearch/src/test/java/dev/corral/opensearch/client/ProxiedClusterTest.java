package dev.corral.opensearch.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.opensearch.node.NginxTlsProxy;
import dev.corral.opensearch.node.OpenSearchTestNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client through a real nginx that terminates TLS and checks basic auth in front of the real
 * test node: the right credentials and CA file get through, and each wrong setting fails with an
 * error that says what is wrong (and never the password).
 */
class ProxiedClusterTest {
  @RegisterExtension static final OpenSearchTestNode node = OpenSearchTestNode.shared();
  @RegisterExtension static final NginxTlsProxy proxy = new NginxTlsProxy(node);

  @Test
  void theCredentialsAndTheCaFileGetThroughToTheNode() throws Exception {
    try (OpenSearchClient client = new OpenSearchClient(proxy.settings())) {
      assertThat(client.get("/").requireSuccess().json().path("version").path("distribution").asText())
          .isEqualTo("opensearch");
    }
    assertThat(proxy.accessLog()).anyMatch(line -> line.contains(" " + NginxTlsProxy.USERNAME + " ")
        && line.contains("\"GET / HTTP/1.1\" 200"));
  }

  @Test
  void aWrongPasswordIsNamedAsAnAuthenticationFailureWithoutThePassword() throws Exception {
    ClientSettings wrong = proxy.settings().withCredentials(NginxTlsProxy.USERNAME, "not-the-password");
    try (OpenSearchClient client = new OpenSearchClient(wrong)) {
      assertThatThrownBy(() -> client.get("/").requireSuccess()).isInstanceOf(OpenSearchException.class)
          .hasMessageContaining("401").hasMessageContaining("authentication")
          .hasMessageNotContaining("not-the-password").hasMessageNotContaining(NginxTlsProxy.PASSWORD);
    }
    ClientSettings none = ClientSettings.of(List.of(proxy.url())).withTls(proxy.caFile(), true);
    try (OpenSearchClient client = new OpenSearchClient(none)) {
      assertThat(client.get("/").status()).isEqualTo(401);
    }
  }

  @Test
  void withoutTheCaFileTheJdksDefaultCasRefuseTheProxyWithATlsError() throws Exception {
    ClientSettings jdkTrust = ClientSettings.of(List.of(proxy.url())).withCredentials(NginxTlsProxy.USERNAME,
        NginxTlsProxy.PASSWORD);
    try (OpenSearchClient client = new OpenSearchClient(jdkTrust)) {
      assertThatThrownBy(() -> client.get("/")).isInstanceOf(ClusterUnavailableException.class)
          .hasMessageContaining(proxy.url() + " unreachable").hasMessageContaining("TLS")
          .hasMessageContaining("store.opensearch.ca_file").hasMessageNotContaining(NginxTlsProxy.PASSWORD);
    }
  }

  @Test
  void aCertificateForAnotherHostIsRefusedUnlessHostnameVerificationIsOff() throws Exception {
    ClientSettings misnamed = ClientSettings.of(List.of(proxy.misnamedUrl()))
        .withCredentials(NginxTlsProxy.USERNAME, NginxTlsProxy.PASSWORD);
    try (OpenSearchClient client = new OpenSearchClient(misnamed.withTls(proxy.caFile(), true))) {
      assertThatThrownBy(() -> client.get("/")).isInstanceOf(ClusterUnavailableException.class)
          .hasMessageContaining(proxy.misnamedUrl() + " unreachable").hasMessageContaining("localhost")
          .hasMessageContaining("store.opensearch.verify_hostname");
    }
    try (OpenSearchClient client = new OpenSearchClient(misnamed.withTls(proxy.caFile(), false))) {
      assertThat(client.get("/").requireSuccess().status()).isEqualTo(200);
    }
  }
}

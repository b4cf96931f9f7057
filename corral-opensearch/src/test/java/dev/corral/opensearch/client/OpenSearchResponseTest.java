package dev.corral.opensearch.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * How an error answer becomes a message, on samples of what clusters send: the security plugin's
 * refusal of missing or wrong credentials, and a proxy's HTML page.
 */
class OpenSearchResponseTest {
  private static final URI NODE = URI.create("https://os1:9200");

  @Test
  void aRefusedLoginNamesTheNodeTheStatusAndTheSecurityPluginsReason() {
    // the body the OpenSearch security plugin answers a request without valid credentials with
    String body = "{\"error\":{\"root_cause\":[{\"type\":\"security_exception\",\"reason\":\"Missing authentication "
        + "information for REST request [/_bulk]\",\"header\":{\"WWW-Authenticate\":\"Basic realm=\\\"OpenSearch "
        + "Security\\\"\"}}],\"type\":\"security_exception\",\"reason\":\"Missing authentication information for REST "
        + "request [/_bulk]\",\"header\":{\"WWW-Authenticate\":\"Basic realm=\\\"OpenSearch Security\\\"\"}},\"status\":401}";
    OpenSearchException error = answer(401, body).error();
    assertThat(error).hasMessage("OpenSearch https://os1:9200 POST /_bulk answered 401 (security_exception: Missing "
        + "authentication information for REST request [/_bulk]; " + OpenSearchResponse.AUTHENTICATION_FAILED + ")");
    assertThat(OpenSearchResponse.AUTHENTICATION_FAILED).contains("store.opensearch.password");
    assertThat(error.status()).isEqualTo(401);
    assertThat(error.errorType()).isEqualTo("security_exception");
  }

  @Test
  void aBodyThatIsNotOpenSearchsErrorIsQuotedFromItsStartAndAnHtmlPageByItsTitle() {
    OpenSearchException error = answer(502, "<html><body><h1>502 Bad Gateway</h1></body></html>").error();
    assertThat(error.getMessage()).contains("answered 502 (http_error: <html><body><h1>502 Bad Gateway</h1>");
    // nginx's page for a request without valid basic-auth credentials
    String page = "<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n<center><h1>401 "
        + "Authorization Required</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n";
    assertThat(answer(401, page).error()).hasMessage("OpenSearch https://os1:9200 POST /_bulk answered 401 (http_error: "
        + "401 Authorization Required; " + OpenSearchResponse.AUTHENTICATION_FAILED + ")");
    assertThat(answer(400, "<HTML><TITLE> Bad request </TITLE></HTML>").error().reason()).isEqualTo("Bad request");
    assertThat(answer(403, "").error().getMessage()).endsWith("answered 403 (http_error: (empty body))");
  }

  private static OpenSearchResponse answer(int status, String body) {
    return new OpenSearchResponse(NODE, "POST /_bulk", status, body.getBytes(StandardCharsets.UTF_8));
  }
}

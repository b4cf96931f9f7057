package dev.corral.pipeline.processors;

import static dev.corral.pipeline.TestDocuments.document;
import static dev.corral.pipeline.processors.TestProcessors.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.pipeline.EventDocument;
import dev.corral.pipeline.ProcessorException;
import org.junit.jupiter.api.Test;

/** uri_parts: Elasticsearch's ECS url.* fields from an absolute URI or an access log's request target. */
class UriPartsTest {
  @Test
  void anAbsoluteUriGivesEveryPart() throws Exception {
    EventDocument doc = document("m", "href", "https://ann:s3cret@shop.example.com:8443/static/app.min.js?v=3&x=a%20b#top");
    run(doc, "uri_parts", "field", "href");
    assertThat(doc.toMap()).containsEntry("url.scheme", "https").containsEntry("url.domain", "shop.example.com")
        .containsEntry("url.port", 8443L).containsEntry("url.path", "/static/app.min.js")
        .containsEntry("url.extension", "js").containsEntry("url.query", "v=3&x=a b").containsEntry("url.fragment", "top")
        .containsEntry("url.user_info", "ann:s3cret").containsEntry("url.username", "ann")
        .containsEntry("url.password", "s3cret")
        .containsEntry("url.original", "https://ann:s3cret@shop.example.com:8443/static/app.min.js?v=3&x=a%20b#top")
        .containsEntry("href", "https://ann:s3cret@shop.example.com:8443/static/app.min.js?v=3&x=a%20b#top");
  }

  @Test
  void anAccessLogsRequestTargetGivesPathQueryAndExtension() throws Exception {
    EventDocument doc = document("m", "url.original", "/api/orders?id=7");
    run(doc, "uri_parts", "field", "url.original");
    assertThat(doc.toMap()).containsEntry("url.path", "/api/orders").containsEntry("url.query", "id=7")
        .containsEntry("url.original", "/api/orders?id=7").doesNotContainKeys("url.extension", "url.domain", "url.port");
    EventDocument dotted = document("m", "target", "/v1.2/download");
    run(dotted, "uri_parts", "field", "target", "target_field", "req", "keep_original", false, "remove_if_successful", true);
    assertThat(dotted.toMap()).containsEntry("req.path", "/v1.2/download").doesNotContainKeys("req.extension",
        "req.original", "target");
  }

  @Test
  void aValueThatIsNoUriFailsTheEventAndAMissingOneIsIgnoredWhenAsked() throws Exception {
    EventDocument doc = document("m", "href", "/a path|with bars");
    assertThatThrownBy(() -> run(doc, "uri_parts", "field", "href")).isInstanceOf(ProcessorException.class)
        .hasMessageContaining("unable to parse URI").hasMessageContaining("field 'href'");
    assertThat(run(doc, "uri_parts", "field", "absent", "ignore_missing", true)).isTrue();
    assertThatThrownBy(() -> run(doc, "uri_parts", "field", "absent")).hasMessage("field 'absent' is missing");
  }
}

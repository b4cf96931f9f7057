package dev.corral.server.status;

import dev.corral.server.http.Response;
import dev.corral.server.http.Request;
import dev.corral.server.http.Handler;
import dev.corral.server.http.HttpError;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * {@code GET /metrics}: every metric of the server's registry in the Prometheus text format
 * (version 0.0.4), for a Prometheus server or any compatible scraper. The metrics are listed in
 * docs/metrics.md. Each scrape reads the gauges' sources afresh. Refused (403) to a principal whose
 * reads are restricted to some services: the counters cover every service.
 */
final class MetricsHandler implements Handler {
  /** The content type Prometheus expects for its text format. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusRegistry registry;
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  MetricsHandler(PrometheusRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Response handle(Request request) throws Exception {
    if (request.principal().readRestriction().isPresent()) {
      throw new HttpError(403, "the metrics count the events of every service; key '" + request.principal().keyId()
          + "' may read only " + request.principal().readRestriction().get() + " (use a key without a read filter)");
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writer.write(body, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
    return new Response(200, CONTENT_TYPE, Map.of(), body.toByteArray());
  }
}

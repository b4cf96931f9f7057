package dev.corral.server.inputs.gelf;

import dev.corral.model.normalize.AliasTable;
import dev.corral.model.normalize.Normalizer;
import dev.corral.server.config.ServerConfig;
import dev.corral.server.http.Route;
import dev.corral.server.ingest.IngestService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The routes of the GELF over HTTP input: {@code POST /gelf}, the path Graylog's GELF HTTP input
 * listens on, so senders configured for Graylog only need Corral's address. See
 * {@link GelfHttpHandler} for the answers and {@link GelfMessageDecoder} for the field mapping.
 */
public final class GelfHttpEndpoints {
  /** The path GELF HTTP senders post to. */
  public static final String PATH = "/gelf";

  private GelfHttpEndpoints() {}

  /**
   * The routes this input serves, storing through {@code ingest}.
   *
   * @throws UncheckedIOException when the configured alias file cannot be read (the server has read
   *     it once already at start, so this means it changed under it)
   */
  public static List<Route> routes(IngestService ingest, ServerConfig config) {
    Normalizer normalizer = ingest.eventDecoder().normalizer();
    GelfBodyDecoder decoder = new GelfBodyDecoder(new GelfMessageDecoder(config.decodeLimits(), normalizer));
    return List.of(new Route("POST", PATH, new GelfHttpHandler(ingest, decoder, config.maxBodyBytes())));
  }
}

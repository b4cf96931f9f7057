package dev.corral.server.inputs.gelf;

import dev.corral.model.normalize.AliasTable;
import dev.corral.model.normalize.Normalizer;
import dev.corral.server.http.Route;
import dev.corral.server.ingest.IngestSink;
import dev.corral.server.inputs.HttpEnvelope;
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
  /** The input's name, its metric label and the {@code dead_letter.input} of what it cannot read. */
  public static final String INPUT = GelfBodyDecoder.INPUT;

  private GelfHttpEndpoints() {}

  /**
   * The routes this input serves, storing through {@code sink}.
   *
   * @throws UncheckedIOException when the configured alias file cannot be read (the server has read
   *     it once already at start, so this means it changed under it)
   */
  public static List<Route> routes(IngestSink sink, long maxBodyBytes) {
    Normalizer normalizer = sink.eventDecoder().normalizer();
    GelfBodyDecoder decoder = new GelfBodyDecoder(new GelfMessageDecoder(sink.eventDecoder().limits(), normalizer));
    HttpEnvelope envelope = new HttpEnvelope(GelfBodyDecoder.INPUT, sink, GelfHttpHandler.ACCEPTED_TYPES, false,
        GelfHttpHandler.UNSUPPORTED_TYPE, maxBodyBytes, GelfBodyReader::read);
    return List.of(Route.ingest("POST", PATH, new GelfHttpHandler(envelope, decoder)));
  }
}

package dev.corral.server.inputs;

import dev.corral.model.Timestamps;
import dev.corral.server.http.Request;
import dev.corral.server.ingest.DecodedBatch;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.IngestSink;
import dev.corral.server.ingest.PipelineChoice;
import dev.corral.server.ingest.Refusal;
import dev.corral.server.ingest.RequestBody;
import dev.corral.server.ingest.Sender;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Set;

/**
 * The envelope every HTTP input shares, written once: the {@code Content-Type} check, the body read
 * bounded by {@code http.max_body_bytes} and decompressed, the receive time, the decode, and the
 * one append to the {@link IngestSink} as the request's API key ({@link Sender}). Every refusal on the way (a content type or encoding the
 * input does not read, a body over the limit or unreadable, a refusal of the sink) is counted for
 * the input and thrown as an {@link IngestRejection}; the handler only turns it into its
 * protocol's answer (through {@code http.RefusalStatus}). Immutable and thread-safe.
 *
 * @param input the input's name (metric label and {@code dead_letter.input})
 * @param mediaTypes the media types the input reads, lower case without parameters
 * @param typeRequired whether a request without {@code Content-Type} is refused
 * @param unsupportedType the 415 message, a format with {@code %s} for the header, e.g.
 *     {@code "Content-Type '%s' is not supported on /gelf; send application/json"}
 * @param maxBodyBytes the largest body, compressed or not ({@code http.max_body_bytes})
 * @param bodyReader how the body is read and decompressed: {@link RequestBody#readAllowingEmpty} but for
 *     inputs whose senders compress loosely (GELF)
 */
public record HttpEnvelope(String input, IngestSink sink, Set<String> mediaTypes, boolean typeRequired,
    String unsupportedType, long maxBodyBytes, BodyReader bodyReader) {
  /** The query parameter naming the pipeline every event of a request runs (Elasticsearch's name). */
  public static final String PIPELINE_PARAMETER = "pipeline";

  public HttpEnvelope {
    mediaTypes = Set.copyOf(mediaTypes);
  }

  /** An envelope that reads bodies with {@link RequestBody#readAllowingEmpty} (gzip, deflate, identity). */
  public HttpEnvelope(String input, IngestSink sink, Set<String> mediaTypes, boolean typeRequired, String unsupportedType,
      long maxBodyBytes) {
    this(input, sink, mediaTypes, typeRequired, unsupportedType, maxBodyBytes, RequestBody::readAllowingEmpty);
  }

  /** Reads and decompresses a body, bounded; an empty one has length 0. */
  @FunctionalInterface
  public interface BodyReader {
    RequestBody read(InputStream raw, String contentLength, String contentEncoding, long maxBytes)
        throws IngestRejection, IOException;
  }

  /**
   * One request's body as the decoder gets it, who sent it (the request's API key, whose events
   * per second limit it) and the pipeline it names ({@code ?pipeline=}, for all its events).
   */
  public record Body(String mediaType, RequestBody body, long receivedAtNanos, Sender sender, PipelineChoice pipelines) {
    public boolean isEmpty() {
      return body.length() == 0;
    }
  }

  /** Decodes a body into events and dead letters; throws {@link Refusal.Malformed} when it cannot be read at all. */
  @FunctionalInterface
  public interface Decoder<B extends DecodedBatch> {
    B decode(Body body) throws IngestRejection, IOException;
  }

  /**
   * Checks the content type, reads the body, decodes it and appends the result to the sink once.
   * Returns the decoded batch once it is durable.
   *
   * @throws IngestRejection counted for this input; nothing of the request was stored
   */
  public <B extends DecodedBatch> B ingest(Request request, Decoder<B> decoder) throws IngestRejection, IOException {
    return ingest(open(request), decoder);
  }

  /** {@link #ingest(Request, Decoder)} of a body already {@link #open opened}. */
  public <B extends DecodedBatch> B ingest(Body body, Decoder<B> decoder) throws IngestRejection, IOException {
    B batch;
    try {
      batch = decoder.decode(body);
    } catch (IngestRejection e) {
      throw sink.refused(input, e);
    }
    return append(body, batch);
  }

  /**
   * Appends a batch decoded from {@code body} to the sink, for inputs that decode without refusing
   * (they answer per item) and need the batch to answer a refusal.
   *
   * @throws IngestRejection the sink's refusal, counted by it
   */
  public <B extends DecodedBatch> B append(Body body, B batch) throws IngestRejection {
    return append(body, body.pipelines(), batch);
  }

  /** {@link #append(Body, DecodedBatch)} with the pipelines named per event too (a {@code _bulk} action's). */
  public <B extends DecodedBatch> B append(Body body, PipelineChoice pipelines, B batch) throws IngestRejection {
    sink.append(input, body.sender(), pipelines, batch, body.receivedAtNanos());
    return batch;
  }

  /**
   * The content type checked and the body read, without decoding: for inputs that answer some
   * bodies without storing (an empty OTLP export, an empty {@code _bulk}).
   *
   * @throws IngestRejection counted for this input
   */
  public Body open(Request request) throws IngestRejection, IOException {
    try {
      String mediaType = mediaType(request.header("Content-Type"));
      RequestBody body = bodyReader.read(request.body(), request.header("Content-Length"),
          request.header("Content-Encoding"), maxBodyBytes);
      return new Body(mediaType, body, Timestamps.toNanos(Instant.now()), Sender.of(request.principal()),
          PipelineChoice.of(request.param(PIPELINE_PARAMETER, null)));
    } catch (IngestRejection e) {
      throw sink.refused(input, e);
    }
  }

  /** The media type of the header ({@code ""} when absent and not required), or {@link Refusal.Unsupported}. */
  private String mediaType(String contentType) throws IngestRejection {
    String type = MediaType.of(contentType);
    if ((type == null || type.isEmpty()) && !typeRequired) {
      return "";
    }
    if (type == null || !mediaTypes.contains(type)) {
      throw new IngestRejection(new Refusal.Unsupported(), String.format(unsupportedType, contentType));
    }
    return type;
  }
}

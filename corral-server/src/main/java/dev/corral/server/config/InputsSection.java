package dev.corral.server.config;

import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The settings of the inputs beyond the HTTP API's own: the OTLP/gRPC port, the {@code _bulk}
 * index rule and the socket inputs.
 *
 * @param otlpGrpcPort port of the OTLP/gRPC receiver, 0 for any free one, -1 for none
 * @param bulkIndexAsService whether a {@code _bulk} target index names the service of events that have none
 * @param sockets ports and limits of the syslog, GELF and Fluent forward socket inputs
 */
public record InputsSection(int otlpGrpcPort, boolean bulkIndexAsService, SocketInputsConfig sockets) {
  public InputsSection {
    Objects.requireNonNull(sockets, "sockets");
  }

  /** Reads and validates the {@code otlp.*}, {@code bulk.*} and socket input settings. */
  public static InputsSection from(ConfigValues values) {
    return new InputsSection(values.integer(Settings.OTLP_GRPC_PORT, -1, 65535),
        values.bool(Settings.BULK_INDEX_AS_SERVICE), SocketInputsConfig.from(values));
  }

  /** The most connections the TCP socket inputs that are on may hold open together (each one a file). */
  public long tcpConnections() {
    long listeners = IntStream.of(sockets.syslogTcpPort(), sockets.syslogTlsPort(), sockets.gelfTcpPort(),
        sockets.fluentPort()).filter(port -> port >= 0).count();
    return listeners * sockets.tcpLimits().maxConnections();
  }
}

package dev.corral.server.inputs.catalog;

import dev.corral.server.auth.AccessControl;
import dev.corral.server.config.ServerConfig;
import dev.corral.server.config.SocketAccessSection;
import dev.corral.server.config.SocketInputsConfig;
import dev.corral.server.ingest.IngestSink;
import dev.corral.server.inputs.HttpInput;
import dev.corral.server.inputs.Input;
import dev.corral.server.inputs.beats.BeatsInputs;
import dev.corral.server.inputs.bulk.BulkEndpoints;
import dev.corral.server.inputs.fluent.FluentInputs;
import dev.corral.server.inputs.gelf.GelfHttpEndpoints;
import dev.corral.server.inputs.gelf.GelfSocketInputs;
import dev.corral.server.inputs.kafka.KafkaInput;
import dev.corral.server.inputs.loki.LokiEndpoints;
import dev.corral.server.inputs.ndjson.NdjsonEndpoints;
import dev.corral.server.inputs.raw.RawEndpoints;
import dev.corral.server.pipelines.PipelineLibrary;
import dev.corral.server.inputs.otlp.OtlpGrpcServer;
import dev.corral.server.tls.ListenerTls;
import dev.corral.server.inputs.otlp.OtlpHttpEndpoints;
import dev.corral.server.inputs.socket.SocketInput;
import dev.corral.server.inputs.syslog.SyslogInputs;
import dev.corral.server.inputs.syslog.SyslogListeners;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that knows every input: builds, from the configuration, the inputs it turns on,
 * each writing to the same {@link IngestSink}. It is also the only place in {@code inputs} that
 * reads the server's configuration: each input gets the few values it needs. The HTTP inputs are always on (their routes are part
 * of the API); a socket input is on when its port is configured ({@code -1} turns it off). The
 * inputs come back unstarted, in the order the server starts them; adding an input is one line
 * here. Stateless.
 */
public final class InputCatalog {
  private InputCatalog() {}

  /**
   * The configured inputs, unstarted: HTTP ones first, then those with a port of their own.
   *
   * @param access how an input whose protocol carries API keys (OTLP/gRPC metadata) admits a sender; HTTP inputs
   *     are admitted by the HTTP API before their handler runs, the Fluent forward input by its shared key
   * @param pipelines the processing pipelines, which the Elasticsearch-compatible input's {@code _ingest/pipeline} serves
   */
  public static List<Input> of(ServerConfig config, IngestSink sink, AccessControl access, PipelineLibrary pipelines) {
    return of(config, sink, access, pipelines, ListenerTls.NONE);
  }

  /**
   * {@link #of(ServerConfig, IngestSink, AccessControl, PipelineLibrary)} whose TCP listeners serve TLS with the
   * shared key source of {@code tls} (OTLP/gRPC, GELF TCP, Fluent forward), or with their own section's files and
   * that source's fallbacks (syslog TLS, Beats).
   */
  public static List<Input> of(ServerConfig config, IngestSink sink, AccessControl access, PipelineLibrary pipelines,
      ListenerTls tls) {
    long maxBodyBytes = config.maxBodyBytes();
    SocketInputsConfig sockets = config.sockets();
    List<Input> inputs = new ArrayList<>();
    inputs.add(new HttpInput(NdjsonEndpoints.INPUT, NdjsonEndpoints.routes(sink, maxBodyBytes), sink));
    inputs.add(new HttpInput(RawEndpoints.INPUT, RawEndpoints.routes(sink, maxBodyBytes,
        config.decodeLimits().maxMessageBytes()), sink));
    inputs.add(new HttpInput(BulkEndpoints.INPUT, BulkEndpoints.routes(sink, maxBodyBytes, config.bulkIndexAsService(),
        pipelines, config.pipelines().bulkIndices()),
        sink));
    inputs.add(new HttpInput(OtlpHttpEndpoints.INPUT, OtlpHttpEndpoints.routes(sink, maxBodyBytes), sink));
    inputs.add(new HttpInput(LokiEndpoints.INPUT, LokiEndpoints.routes(sink, maxBodyBytes), sink));
    inputs.add(new HttpInput(GelfHttpEndpoints.INPUT, GelfHttpEndpoints.routes(sink, maxBodyBytes), sink));
    if (config.otlpGrpcPort() >= 0) {
      inputs.add(new SocketInput(OtlpGrpcServer.INPUT, "grpc", sink,
          () -> OtlpGrpcServer.start(config.host(), config.otlpGrpcPort(), sink, maxBodyBytes, access,
              tls.shared())));
    }
    SocketAccessSection socketAccess = config.socketAccess();
    inputs.addAll(SyslogInputs.of(sink, new SyslogListeners(config.host(), sockets.syslogUdpPort(),
        sockets.syslogTcpPort(), sockets.syslogTlsPort(), sockets.tlsCert(), sockets.tlsKey(), sockets.tlsKeystore(),
        sockets.tlsKeystorePassword(), socketAccess.syslogClientCa(), sockets.tcpLimits(),
        socketAccess.allowedSources(), tls)));
    inputs.addAll(GelfSocketInputs.of(sink, config.host(), sockets.gelfUdpPort(), sockets.gelfTcpPort(),
        sockets.tcpLimits(), socketAccess.allowedSources(), tls.shared()));
    inputs.addAll(FluentInputs.of(sink, config.host(), sockets.fluentPort(), sockets.tcpLimits(),
        config.fluent().handshakeKey(), socketAccess.allowedSources(), tls.shared()));
    inputs.addAll(BeatsInputs.of(sink, config.host(), config.beats().port(), config.beats().tlsOverride(), tls,
        sockets.tcpLimits(), socketAccess.allowedSources()));
    if (config.kafka().enabled()) {
      inputs.add(new KafkaInput(config.kafka(), sink, config.dataDir().resolve("kafka"), maxBodyBytes,
          config.decodeLimits().maxMessageBytes(), KafkaInput.EVERY_DURABLE_RECORD));
    }
    return List.copyOf(inputs);
  }
}

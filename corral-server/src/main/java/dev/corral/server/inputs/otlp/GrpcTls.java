package dev.corral.server.inputs.otlp;

import dev.corral.server.tls.ReloadingTls;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolConfig;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolNames;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.grpc.netty.shaded.io.netty.handler.ssl.JdkSslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;

/**
 * The gRPC server's TLS: Netty's JDK engine over the shared {@link ReloadingTls} context (so a replaced certificate
 * serves the next handshake, as on every other listener), with the source's protocols and cipher suites, HTTP/2
 * negotiated by ALPN as gRPC requires, and client certificates required when a client CA is configured.
 */
final class GrpcTls {
  private GrpcTls() {}

  /** A server-side Netty context over {@code tls}'s JDK context. */
  static SslContext serverContext(ReloadingTls tls) {
    ApplicationProtocolConfig alpn = new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2);
    return new JdkSslContext(tls.context(), false, tls.policy().cipherSuites(), IdentityCipherSuiteFilter.INSTANCE,
        alpn, tls.clientCertificateRequired() ? ClientAuth.REQUIRE : ClientAuth.NONE,
        tls.policy().protocols().toArray(String[]::new), false);
  }
}

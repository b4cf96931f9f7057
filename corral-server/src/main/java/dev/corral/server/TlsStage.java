package dev.corral.server;

import dev.corral.server.config.TlsSection;
import dev.corral.server.service.Service;
import dev.corral.server.tls.ListenerTls;
import dev.corral.server.tls.ReloadingTls;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared TLS key source ({@code tls.*}) as a service, started before the HTTP API and the inputs that serve with
 * it: its start reads the certificate, key and client CA, and fails the server's start naming a file that is missing
 * or does not fit. Owns the stats entry {@code tls}: the certificate served, its expiry, reloads and refused reloads.
 */
final class TlsStage implements Service {
  private final TlsSection config;
  private volatile ListenerTls listeners = ListenerTls.NONE;

  TlsStage(TlsSection config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "tls";
  }

  @Override
  public void start() throws IOException {
    listeners = ListenerTls.open(config.files(), config.policy(), config.reloadInterval());
  }

  /** The key sources of the listeners; {@link ListenerTls#NONE} before start. */
  ListenerTls listeners() {
    return listeners;
  }

  @Override
  public Map<String, Object> stats() {
    Map<String, Object> tls = new LinkedHashMap<>();
    tls.put("enabled", config.enabled());
    tls.put("protocols", config.policy().protocols());
    listeners.shared().ifPresent((ReloadingTls shared) -> {
      tls.put("certificate", shared.files().describe().toString());
      tls.put("subject", shared.served().getSubjectX500Principal().getName());
      tls.put("not_after", shared.served().getNotAfter().toInstant().toString());
      tls.put("client_certificates_required", shared.clientCertificateRequired());
      tls.put("reloads", shared.reloads());
      tls.put("refused_reloads", shared.failedReloads());
    });
    return Map.of("tls", tls);
  }
}

package dev.corral.server.config;

import dev.corral.server.inputs.socket.SourceAllowlist;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Who may send to the socket inputs that carry no API key (syslog UDP/TCP/TLS, GELF UDP/TCP): the
 * {@code inputs.allowed_sources} allowlist, and the CA whose client certificates the syslog TLS
 * listener accepts instead ({@code syslog.tls_client_ca}, {@code syslog.tls_client_auth}).
 *
 * <p>The allowlist, when not set, follows access control: with API keys required only this machine
 * (127.0.0.0/8 and ::1) may send, so a server reachable from other machines never takes their logs
 * unasked; without keys every source may, as before. A list that is set applies in both cases.
 *
 * @param allowedSources the sources the socket inputs admit, resolved as above
 * @param syslogClientCa PEM file of the CA(s) whose client certificates the syslog TLS listener
 *     requires, or null when it asks for none
 */
public record SocketAccessSection(SourceAllowlist allowedSources, Path syslogClientCa) {
  /** The values of {@code syslog.tls_client_auth}; empty means required when a client CA is set. */
  private static final List<String> CLIENT_AUTH = List.of("none", "required");

  public SocketAccessSection {
    java.util.Objects.requireNonNull(allowedSources, "allowedSources");
  }

  /**
   * Reads and checks {@code inputs.allowed_sources}, {@code syslog.tls_client_ca} and {@code
   * syslog.tls_client_auth}.
   *
   * @param keysRequired whether access control is on ({@link AuthSection#keysRequired()}): it sets the allowlist's default
   * @throws ConfigException naming the entry that is not an address or block, or a client-auth setting that contradicts the CA
   */
  public static SocketAccessSection from(ConfigValues values, boolean keysRequired) {
    return new SocketAccessSection(allowedSources(values, keysRequired), clientCa(values));
  }

  private static SourceAllowlist allowedSources(ConfigValues values, boolean keysRequired) {
    List<String> entries = values.list(Settings.INPUTS_ALLOWED_SOURCES);
    if (entries.isEmpty()) {
      return keysRequired ? SourceAllowlist.LOOPBACK : SourceAllowlist.EVERYONE;
    }
    try {
      return SourceAllowlist.parse(entries);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("setting " + Settings.INPUTS_ALLOWED_SOURCES.key() + " (from "
          + values.source(Settings.INPUTS_ALLOWED_SOURCES) + "): " + e.getMessage()
          + "; give IP addresses and CIDR blocks, e.g. [10.0.0.0/8, 192.168.1.20, \"::1\"]");
    }
  }

  private static Path clientCa(ConfigValues values) {
    String ca = values.text(Settings.SYSLOG_TLS_CLIENT_CA).trim();
    String mode = values.text(Settings.SYSLOG_TLS_CLIENT_AUTH).trim().toLowerCase(Locale.ROOT);
    if (!mode.isEmpty() && !CLIENT_AUTH.contains(mode)) {
      throw new ConfigException("setting " + Settings.SYSLOG_TLS_CLIENT_AUTH.key() + " = '" + mode + "' (from "
          + values.source(Settings.SYSLOG_TLS_CLIENT_AUTH) + ") is not none or required");
    }
    if (mode.equals("required") && ca.isEmpty()) {
      throw new ConfigException(Settings.SYSLOG_TLS_CLIENT_AUTH.key() + " is required but "
          + Settings.SYSLOG_TLS_CLIENT_CA.key() + " is not set: name the PEM file of the CA that signs the client certificates");
    }
    if (mode.equals("none") && !ca.isEmpty()) {
      throw new ConfigException(Settings.SYSLOG_TLS_CLIENT_CA.key() + " is set (" + ca + ") but "
          + Settings.SYSLOG_TLS_CLIENT_AUTH.key() + " is none: remove one of them");
    }
    return ca.isEmpty() ? null : Path.of(ca);
  }

  /** Whether the syslog TLS listener requires a client certificate signed by {@link #syslogClientCa()}. */
  public boolean syslogClientCertificates() {
    return syslogClientCa != null;
  }
}

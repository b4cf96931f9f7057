package dev.corral.server.tls;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Which key source each TCP listener serves with: the shared one of the {@code tls.*} settings, opened once and used
 * by every listener without TLS files of its own, or, for a section that overrides it ({@code syslog.tls_*},
 * {@code beats.tls_*}), a source of its own. All use the same {@link TlsPolicy} and reload interval. Immutable;
 * thread-safe.
 */
public final class ListenerTls {
  /** No shared certificate: listeners speak plain TCP unless their own section names TLS files. */
  public static final ListenerTls NONE = new ListenerTls(null, TlsPolicy.MODERN, Duration.ofSeconds(5));

  private final ReloadingTls shared;
  private final TlsPolicy policy;
  private final Duration checkEvery;

  private ListenerTls(ReloadingTls shared, TlsPolicy policy, Duration checkEvery) {
    this.shared = shared;
    this.policy = Objects.requireNonNull(policy, "policy");
    this.checkEvery = Objects.requireNonNull(checkEvery, "checkEvery");
  }

  /**
   * Opens the shared source of {@code files} (none when null).
   *
   * @throws IOException naming the file that is missing or does not fit
   */
  public static ListenerTls open(TlsFiles files, TlsPolicy policy, Duration checkEvery) throws IOException {
    return new ListenerTls(files == null ? null : ReloadingTls.open(files, policy, checkEvery), policy, checkEvery);
  }

  /** The shared source, used by every listener with no TLS files of its own; empty when {@code tls.*} is unset. */
  public Optional<ReloadingTls> shared() {
    return Optional.ofNullable(shared);
  }

  /**
   * The source of a listener whose section may override the shared files: the shared source itself when the section
   * changes nothing, a source of its own otherwise, empty when neither names a certificate.
   *
   * @throws IOException naming the file that is missing or does not fit
   */
  public Optional<ReloadingTls> forListener(TlsOverride own) throws IOException {
    TlsFiles sharedFiles = shared == null ? null : shared.files();
    TlsFiles files = own.over(sharedFiles);
    if (files == null) {
      return Optional.empty();
    }
    if (files.equals(sharedFiles)) {
      return Optional.of(shared);
    }
    return Optional.of(ReloadingTls.open(files, policy, checkEvery));
  }
}

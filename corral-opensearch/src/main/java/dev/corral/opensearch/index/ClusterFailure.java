package dev.corral.opensearch.index;

import dev.corral.store.StoreException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why the store does not write to the cluster now, if it does not: the cluster unreachable (every
 * URL named), refusing the credentials, or the store's backlog past its memory bound. Set by the
 * writer thread when a request fails and cleared by its next success; logged once when it starts
 * and once when it ends (key=value, no stack trace: the message says it all).
 *
 * <p>Thread-safe.
 */
final class ClusterFailure {
  private static final Logger log = LoggerFactory.getLogger(OpenSearchStore.class);

  private final AtomicReference<StoreException> current = new AtomicReference<>();

  /** Records that writing failed because of {@code reason}. */
  void fail(String reason) {
    StoreException error = new StoreException("OpenSearch store not writing: " + reason);
    if (current.getAndSet(error) == null) {
      log.atWarn().addKeyValue("reason", reason).log("OpenSearch store stopped writing; ingest backs up in the WAL, retrying");
    }
  }

  /** Records that the cluster took a request again. */
  void clear() {
    StoreException was = current.getAndSet(null);
    if (was != null) {
      log.atInfo().addKeyValue("after", was.getMessage()).log("OpenSearch store writing again");
    }
  }

  Optional<StoreException> current() {
    return Optional.ofNullable(current.get());
  }
}

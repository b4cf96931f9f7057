package dev.corral.server.erasure;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One erasure as its log's {@code started} record holds it: enough to resume it after a crash.
 *
 * @param id its id ({@code e-} and the start time, e.g. {@code e-20261205T194200123Z})
 * @param request what to erase
 * @param keyId the API key that asked ({@code local} without access control)
 * @param keyName that key's name
 * @param started when it was asked; relative times in the query resolve against it, also when resumed
 * @param days the days it processes, oldest first: those in the range the store or the archive holds
 */
public record Erasure(String id, ErasureRequest request, String keyId, String keyName, Instant started,
    List<LocalDate> days) {
  public Erasure {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(keyName, "keyName");
    Objects.requireNonNull(started, "started");
    days = List.copyOf(days);
  }
}

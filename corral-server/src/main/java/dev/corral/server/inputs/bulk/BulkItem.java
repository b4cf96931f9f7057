package dev.corral.server.inputs.bulk;

import java.util.Objects;

/**
 * The outcome of one action of a {@code _bulk} body, answered as one element of {@code items[]}.
 *
 * @param action the key of the answer: the action the client sent ({@code index}, {@code create},
 *     …), or {@code index} when the line could not be read
 * @param index the target index, or {@code ""} when none was named
 * @param id the document id: the one the client gave, or one made up for the answer
 * @param status 201 when stored; otherwise the HTTP status of the error
 * @param errorType Elasticsearch's name for the error, or null when stored
 * @param reason what was wrong and where, or null when stored
 */
record BulkItem(String action, String index, String id, int status, String errorType, String reason) {
  /** Status of a stored document, as Elasticsearch answers it. */
  static final int CREATED = 201;

  BulkItem {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(id, "id");
    if ((status == CREATED) != (reason == null)) {
      throw new IllegalArgumentException("BUG: item status " + status + " with reason " + reason);
    }
  }

  static BulkItem stored(String action, String index, String id) {
    return new BulkItem(action, index, id, CREATED, null, null);
  }

  boolean failed() {
    return status != CREATED;
  }

  /** This item answered with another error instead, e.g. when the whole batch could not be stored. */
  BulkItem refused(int newStatus, String newType, String newReason) {
    return new BulkItem(action, index, id, newStatus, newType, newReason);
  }
}

package dev.corral.opensearch.index;

import dev.corral.model.EventBatch;

/**
 * One document of a {@code _bulk} request, and which event of which record it carries.
 *
 * @param index the daily index
 * @param id the deterministic {@code _id}
 * @param source the document's JSON
 * @param batch the record's events
 * @param event the event's index in {@code batch}
 * @param deadLetter whether this document is already the dead letter of a rejected one
 */
record BulkItem(String index, String id, byte[] source, EventBatch batch, int event, boolean deadLetter) {
  /** The dead letter that replaces this document after the cluster rejected it for {@code reason}. */
  BulkItem asDeadLetter(String reason) {
    EventBatch letter = DeadLetterDocument.of(batch, event, index, reason);
    return new BulkItem(index, id + DeadLetterDocument.ID_SUFFIX, DeadLetterDocument.source(letter), batch, event, true);
  }
}

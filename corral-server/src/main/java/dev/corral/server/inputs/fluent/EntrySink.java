package dev.corral.server.inputs.fluent;

import java.io.IOException;

/** Takes the entries of a connection as they are decoded; may store them (and so block). */
interface EntrySink {
  /** An entry, accepted or rejected. */
  void entry(Entry entry) throws IOException;

  /** Input that is no entry but must be reported: a bad option, a size mismatch, a corrupt payload. */
  void problem(String reason, String excerpt, long inputBytes) throws IOException;
}

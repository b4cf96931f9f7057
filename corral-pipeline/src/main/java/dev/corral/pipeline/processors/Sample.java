package dev.corral.pipeline.processors;

import dev.corral.model.FieldNames;
import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Document;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * {@code sample}: keeps one event in {@code keep_one_in}, decided by a hash of {@code key_field}
 * ({@code trace_id} by default), so every event of a trace is kept or dropped together, on every
 * server and after every restart. An event without the key is kept with the same probability, at
 * random. With an {@code if}, only the events it selects are sampled; the rest are kept.
 */
final class Sample implements Processor {
  /** Largest rate: one in a billion already keeps almost nothing; it bounds a mistyped number. */
  private static final long MAX_RATE = 1_000_000_000L;

  private final long rate;
  private final String keyField;

  private Sample(long rate, String keyField) {
    this.rate = rate;
    this.keyField = keyField;
  }

  static Processor create(ProcessorConfig config) throws DefinitionException {
    if (!config.has("keep_one_in")) {
      throw config.invalid("option 'keep_one_in' is required (keep 1 event in this many)");
    }
    return new Sample(config.integer("keep_one_in", 1, 1, MAX_RATE), config.string("key_field", FieldNames.TRACE_ID));
  }

  @Override
  public boolean process(Document document) {
    String key = document.getString(keyField);
    if (key == null) {
      return ThreadLocalRandom.current().nextLong(rate) == 0;
    }
    return keeps(key, rate);
  }

  /** Whether the events of {@code key} are kept at one in {@code rate}: the same answer everywhere. */
  static boolean keeps(String key, long rate) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    long hash = MurmurHash3.hash128x64(bytes)[0];
    return Math.floorMod(hash, rate) == 0;
  }
}

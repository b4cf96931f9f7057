package dev.corral.pipeline.engine;

import java.util.Map;

/**
 * What one processor did to one sample document, as Elasticsearch's {@code _simulate?verbose}
 * reports it.
 *
 * @param processorType the processor's type
 * @param tag its tag, or null
 * @param status {@code success}, {@code error}, {@code dropped} or {@code skipped} (its {@code if} did not hold)
 * @param document every field after the processor, canonical ones first; null when skipped
 * @param error the failure's reason when the status is {@code error}, else null
 */
public record SimulatedStep(String processorType, String tag, String status, Map<String, Object> document,
    String error) {}

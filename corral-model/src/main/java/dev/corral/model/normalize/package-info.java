/**
 * From foreign JSON to canonical events: the ingest hot path.
 *
 * <ul>
 *   <li>{@link dev.corral.model.normalize.IngestBody} splits a request body (NDJSON or a JSON
 *       array) into events and per-line errors ({@link dev.corral.model.normalize.DecodedBody},
 *       {@link dev.corral.model.normalize.LineError}).
 *   <li>{@link dev.corral.model.normalize.EventDecoder} reads one JSON object with Jackson's
 *       streaming parser into flattened fields, enforcing
 *       {@link dev.corral.model.normalize.DecodeLimits} and throwing
 *       {@link dev.corral.model.normalize.InvalidEventException} with a reason a person can act on.
 *   <li>{@link dev.corral.model.normalize.Normalizer} applies the
 *       {@link dev.corral.model.normalize.AliasTable} (configuration, in
 *       {@code dev/corral/model/aliases.yaml}) and reads timestamps
 *       ({@link dev.corral.model.normalize.TimestampParser}), levels
 *       ({@link dev.corral.model.normalize.LevelParser}) and exceptions
 *       ({@link dev.corral.model.normalize.ExceptionSummary}).
 * </ul>
 *
 * <p>Every class here is immutable or per-call and safe to share between ingest threads. Golden
 * tests in {@code src/test/resources/golden/<shape>/} pin the output for each reference shape.
 */
package dev.corral.model.normalize;

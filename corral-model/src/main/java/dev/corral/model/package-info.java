/**
 * The canonical log event ({@link dev.corral.model.LogEvent}), its levels, the reserved field
 * names users type in queries, the canonical JSON codec ({@link dev.corral.model.CanonicalJson},
 * {@link dev.corral.model.EventBatch}) and timestamp conversions.
 *
 * <p>Foreign shapes (python-json-logger, logstash-logback-encoder, ECS, the seed schemas) are
 * decoded and normalized into it by {@link dev.corral.model.normalize}; the alias table that
 * maps their field names is the resource {@code dev/corral/model/aliases.yaml}.
 *
 * <p>Depends on nothing in Corral; corral-query, corral-store and corral-server depend on it
 * (corral-wal does not: its payloads are bytes).
 */
package dev.corral.model;

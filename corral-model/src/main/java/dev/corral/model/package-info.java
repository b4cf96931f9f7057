/**
 * The canonical log event ({@link dev.corral.model.LogEvent}), its levels, the reserved field
 * names users type in queries, the canonical JSON codec and the normalization of foreign log
 * shapes (python-json-logger, logstash-logback-encoder, ECS, the seed schemas) into it.
 *
 * <p>Depends on nothing in Corral; every other module depends on it.
 */
package dev.corral.model;

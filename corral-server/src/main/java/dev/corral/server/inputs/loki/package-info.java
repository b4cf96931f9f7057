/**
 * Loki push: {@code POST /loki/api/v1/push}, JSON and protobuf+snappy. {@link
 * dev.corral.server.inputs.loki.LokiEndpoints} serves the route; {@code LokiPushHandler} reads
 * the body and answers like Loki (204, plain-text errors); {@code JsonPushDecoder} and {@code
 * ProtobufPushDecoder} (after {@code SnappyBlock}) walk the streams; {@code EntryNormalizer}
 * turns each entry and its labels into an event by the rules in docs/inputs/loki.md; entries
 * that cannot become one are dead letters, collected by {@code PushCollector}.
 */
package dev.corral.server.inputs.loki;

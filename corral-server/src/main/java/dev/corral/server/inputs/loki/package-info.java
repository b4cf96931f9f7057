/** Loki push: {@code POST /loki/api/v1/push}, JSON and protobuf+snappy. */
package dev.corral.server.inputs.loki;

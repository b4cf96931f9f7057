/** OTLP logs over HTTP: {@code POST /v1/logs}, protobuf and JSON. */
package dev.corral.server.inputs.otlp;

/**
 * GELF over HTTP: {@code POST /gelf}, as Graylog's GELF HTTP input serves it. The body is read and
 * decompressed ({@link dev.corral.server.inputs.gelf.GelfBodyReader}), split into messages
 * ({@link dev.corral.server.inputs.gelf.GelfBodyDecoder}), each mapped from GELF to canonical
 * fields and normalized ({@link dev.corral.server.inputs.gelf.GelfMessageDecoder}), and stored in
 * one durable append with the dead letters of the messages that could not be decoded
 * ({@link dev.corral.server.inputs.gelf.GelfHttpHandler}). User documentation: docs/inputs/gelf.md.
 */
package dev.corral.server.inputs.gelf;

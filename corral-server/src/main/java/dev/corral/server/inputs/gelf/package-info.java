/**
 * GELF over HTTP, UDP and TCP, all mapping fields alike
 * ({@link dev.corral.server.inputs.gelf.GelfMessageDecoder}).
 *
 * <p>HTTP: {@code POST /gelf}, as Graylog's GELF HTTP input serves it. The body is read and
 * decompressed ({@link dev.corral.server.inputs.gelf.GelfBodyReader},
 * {@link dev.corral.server.inputs.gelf.GelfCompression}), split into messages
 * ({@link dev.corral.server.inputs.gelf.GelfBodyDecoder}) and stored in one durable append with the
 * dead letters of the messages that could not be decoded
 * ({@link dev.corral.server.inputs.gelf.GelfHttpHandler}).
 *
 * <p>Sockets ({@link dev.corral.server.inputs.gelf.GelfSocketInputs}): UDP datagrams, chunked
 * ({@link dev.corral.server.inputs.gelf.GelfChunk}, reassembled within bounds by
 * {@link dev.corral.server.inputs.gelf.GelfChunkAssembler}) or not, gzip, zlib or plain
 * ({@link dev.corral.server.inputs.gelf.GelfUdpHandler}); TCP with NUL framing
 * ({@link dev.corral.server.inputs.gelf.GelfTcpHandler}). Both retry a rejected batch rather than
 * drop it ({@link dev.corral.server.inputs.socket.RetryingStore}). User documentation:
 * docs/inputs/gelf.md.
 */
package dev.corral.server.inputs.gelf;

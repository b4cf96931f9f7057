package dev.corral.server.inputs.gelf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** Builds GELF wire bytes by hand for tests: chunks, gzip, zlib, and sends datagrams to 127.0.0.1. */
final class GelfWire {
  private GelfWire() {}

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** One chunk: magic, id, sequence number, count, payload. */
  static byte[] chunk(long id, int sequence, int count, byte[] payload) {
    return ByteBuffer.allocate(GelfChunk.HEADER_BYTES + payload.length).put((byte) 0x1e).put((byte) 0x0f).putLong(id)
        .put((byte) sequence).put((byte) count).put(payload).array();
  }

  /** {@code payload} cut into {@code count} chunks of message {@code id}. */
  static List<byte[]> chunks(long id, int count, byte[] payload) {
    List<byte[]> chunks = new ArrayList<>();
    int size = (payload.length + count - 1) / count;
    for (int i = 0; i < count; i++) {
      int from = Math.min(payload.length, i * size);
      chunks.add(chunk(id, i, count, Arrays.copyOfRange(payload, from, Math.min(payload.length, from + size))));
    }
    return chunks;
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] zlib(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream zlib = new DeflaterOutputStream(out)) {
      zlib.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Sends each datagram from one socket (so they share a sender address). */
  static void send(int port, List<byte[]> datagrams) throws IOException {
    try (DatagramSocket socket = new DatagramSocket()) {
      for (byte[] datagram : datagrams) {
        socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
      }
    }
  }

  static void send(int port, byte[]... datagrams) throws IOException {
    send(port, Arrays.asList(datagrams));
  }
}

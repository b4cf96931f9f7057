package dev.corral.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends requests byte for byte over a socket, so no client fixes, encodes or refuses what a test needs to send. */
final class RawHttp {
  private RawHttp() {}

  /** Sends {@code request} (request line and headers, without the final blank line) and reads the answer to the end. */
  static String exchange(int port, String request) throws IOException {
    return exchange(port, (request + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Sends raw bytes and reads the answer until the server closes. */
  static String exchange(int port, byte[] bytes) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(bytes);
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A GET of {@code target} with the extra header lines ({@code Name: value}). */
  static String get(int port, String target, String... headerLines) throws IOException {
    return exchange(port, "GET " + target + " HTTP/1.1" + lines(headerLines));
  }

  /** A POST of a small NDJSON body with the extra header lines. */
  static String post(int port, String target, String body, String... headerLines) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head = "POST " + target + " HTTP/1.1" + lines(headerLines) + "\r\nContent-Type: application/x-ndjson"
        + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
    byte[] request = new byte[head.length() + bytes.length];
    System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, request, 0, head.length());
    System.arraycopy(bytes, 0, request, head.length(), bytes.length);
    return exchange(port, request);
  }

  private static String lines(String... headerLines) {
    StringBuilder text = new StringBuilder();
    for (String line : headerLines) {
      text.append("\r\n").append(line);
    }
    return text.toString();
  }

  /** The status code of a raw answer. */
  static int status(String answer) {
    return Integer.parseInt(answer.substring(9, 12));
  }

  /** The value of a header of a raw answer (the first, name case-insensitive), or null. */
  static String header(String answer, String name) {
    int blank = answer.indexOf("\r\n\r\n");
    for (String line : answer.substring(0, blank < 0 ? answer.length() : blank).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  /** The body of a raw answer (after the blank line). */
  static String body(String answer) {
    int blank = answer.indexOf("\r\n\r\n");
    return blank < 0 ? "" : answer.substring(blank + 4);
  }
}

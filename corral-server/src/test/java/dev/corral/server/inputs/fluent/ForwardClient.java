package dev.corral.server.inputs.fluent;

import static dev.corral.server.inputs.fluent.Msgpack.utf8;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;

/** A raw forward connection for tests: writes bytes, reads the server's msgpack answers. */
final class ForwardClient implements AutoCloseable {
  /** Long enough for a loaded CI machine to store a batch; only failing tests ever wait this long. */
  static final int READ_TIMEOUT_MILLIS = 20_000;

  private final Socket socket;
  private final MessageUnpacker answers;

  ForwardClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    answers = MessagePack.newDefaultUnpacker(socket.getInputStream());
  }

  ForwardClient send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
    return this;
  }

  /** Ends the sending side (the server reads end of stream) while answers can still be read. */
  ForwardClient finishSending() throws IOException {
    socket.shutdownOutput();
    return this;
  }

  /** The next answer as a map of text keys to values ({@code {"ack": "…"}}, or a PONG array as "0".."4"). */
  Map<String, String> answer() throws IOException {
    Value value = answers.unpackValue();
    Map<String, String> result = new LinkedHashMap<>();
    if (value.isMapValue()) {
      value.asMapValue().map().forEach((k, v) -> result.put(k.toString(), v.toString()));
    } else {
      for (int i = 0; i < value.asArrayValue().size(); i++) {
        result.put(Integer.toString(i), value.asArrayValue().get(i).toString());
      }
    }
    return result;
  }

  /** Reads the server's HELO, checks its shape and returns its nonce. */
  byte[] helo() throws IOException {
    Value helo = answers.unpackValue();
    if (!helo.isArrayValue() || !helo.asArrayValue().get(0).toString().equals("HELO")) {
      throw new AssertionError("expected a HELO, got " + helo);
    }
    Map<Value, Value> options = helo.asArrayValue().get(1).asMapValue().map();
    if (!options.get(ValueFactory.newString("auth")).toString().isEmpty()
        || !options.get(ValueFactory.newString("keepalive")).asBooleanValue().getBoolean()) {
      throw new AssertionError("expected no user auth and keepalive in the HELO, got " + helo);
    }
    return options.get(ValueFactory.newString("nonce")).asRawValue().asByteArray();
  }

  /**
   * Reads the HELO and answers it with the PING a sender proving {@code sharedKey} as {@code clientHostname} writes,
   * followed by {@code after} in the same write (a sender that does not wait for the PONG); returns the nonce.
   */
  byte[] ping(String clientHostname, String sharedKey, byte[] after) throws IOException {
    byte[] nonce = helo();
    byte[] salt = utf8("0123456789abcdef");
    String digest = sha512Hex(salt, utf8(clientHostname), nonce, utf8(sharedKey));
    send(Msgpack.concat(Msgpack.pack(List.of("PING", clientHostname, "0123456789abcdef",
        digest, "", "")), after));
    return nonce;
  }

  /** {@code sha512_hex} of the parts one after another, as the handshake computes its digests. */
  static String sha512Hex(byte[]... parts) {
    try {
      MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
      for (byte[] part : parts) {
        sha512.update(part);
      }
      return HexFormat.of().formatHex(sha512.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The next answer if one comes within {@code millis}, else null (the connection stays usable for reads). */
  Map<String, String> answerWithin(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      return answer();
    } catch (SocketTimeoutException e) {
      return null;
    } finally {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    }
  }

  /** Whether the server closed the connection (reads end) within the read timeout. */
  boolean closedByServer() throws IOException {
    InputStream in = socket.getInputStream();
    try {
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the server
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

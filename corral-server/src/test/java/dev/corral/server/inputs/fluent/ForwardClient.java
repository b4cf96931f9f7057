package dev.corral.server.inputs.fluent;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

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

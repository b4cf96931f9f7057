package dev.corral.server.inputs.fluent;

import dev.corral.server.auth.SecretDigests;
import dev.corral.server.inputs.socket.TcpConnection;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the forward protocol's shared-key handshake (Forward Protocol Specification v1, "Handshake
 * Messages"), which every connection must complete before any message is taken when {@code fluent.shared_key} is
 * set:
 *
 * <ol>
 *   <li>on connect the server sends HELO {@code ["HELO", {"nonce": 16 random bytes, "auth": "", "keepalive": true}]}
 *       (an empty {@code auth}: no user authentication is offered);
 *   <li>the client answers a {@link Ping} carrying {@code sha512_hex(shared_key_salt + client_hostname + nonce +
 *       shared_key)};
 *   <li>the server computes the same digest with its key and compares the two in constant time
 *       ({@link SecretDigests}); on a match it answers {@code ["PONG", true, "", "corral",
 *       sha512_hex(shared_key_salt + "corral" + nonce + shared_key)]}, with which the client checks that the server
 *       knows the key too, and the connection goes on to messages.
 * </ol>
 *
 * <p>Anything else is refused with {@code ["PONG", false, reason, "", ""]} (when the connection still takes it) and
 * the connection is closed: a wrong digest, a forward message or heartbeat before the PING, garbage, a PING of the
 * wrong shape or with a field over its limit, a connection that ends or stays silent, and one that has not finished
 * within the deadline ({@code sockets.idle_timeout}) from the HELO however slowly it trickles. A refused handshake
 * stores nothing — a sender that proved nothing writes not even a dead letter — and is counted
 * ({@code refused_handshakes}) and logged at DEBUG with its reason; the shared key is never logged.
 *
 * <p>One per listener; thread-safe.
 */
final class ForwardHandshake {
  private static final Logger LOG = LoggerFactory.getLogger(ForwardHandshake.class);
  /** The server's name in a PONG; a client refuses a PONG that carries its own name. */
  static final String SERVER_HOSTNAME = "corral";
  /** 16 bytes: the nonce Fluentd's own server sends; 128 bits cannot repeat in practice. */
  static final int NONCE_BYTES = 16;
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] sharedKey;
  private final Duration deadline;
  private final SecureRandom random = new SecureRandom();
  private final AtomicLong refused = new AtomicLong();

  private ForwardHandshake(byte[] sharedKey, Duration deadline) {
    this.sharedKey = sharedKey;
    this.deadline = deadline;
  }

  /** A handshake every connection must complete, proving {@code sharedKey}, within {@code deadline}. */
  static ForwardHandshake withKey(String sharedKey, Duration deadline) {
    Objects.requireNonNull(deadline, "deadline");
    if (sharedKey.isEmpty()) {
      throw new IllegalArgumentException("BUG: an empty shared key; use none()");
    }
    return new ForwardHandshake(sharedKey.getBytes(StandardCharsets.UTF_8), deadline);
  }

  /** No handshake: connections send messages at once; a PING is refused (and counted). */
  static ForwardHandshake none() {
    return new ForwardHandshake(null, Duration.ZERO);
  }

  /** Whether a connection must complete the handshake before its first message. */
  boolean required() {
    return sharedKey != null;
  }

  /** Handshakes refused so far (and PINGs refused when no handshake is offered). */
  long refused() {
    return refused.get();
  }

  /**
   * Runs the handshake on a new connection, through the connection's own unpacker and packer (bytes the unpacker
   * buffered after the PING stay there for the messages).
   *
   * @return true when the client proved the key; false when it was refused (the PONG saying why is sent if the
   *     connection takes it), and the connection must be closed
   * @throws IllegalStateException when the handshake is not {@link #required()}
   */
  boolean authenticate(TcpConnection connection, MessageUnpacker in, MessagePacker out) {
    if (!required()) {
      throw new IllegalStateException("BUG: no shared key, no handshake");
    }
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try (HandshakeDeadline time = new HandshakeDeadline(deadline, connection.in())) {
      try {
        writeHelo(out, nonce);
        Ping ping = Ping.read(in);
        if (!sameDigest(hexDigest(ping.salt(), ping.clientHostname(), nonce), ping.digest())) {
          throw new HandshakeRefusedException("shared_key mismatch", "the PING of client " + ping.hostnameText()
              + " proves another shared key than fluent.shared_key");
        }
        writePong(out, true, "", SERVER_HOSTNAME,
            hexDigest(ping.salt(), SERVER_HOSTNAME.getBytes(StandardCharsets.UTF_8), nonce));
        LOG.atDebug().addKeyValue("input", FluentInputs.INPUT).addKeyValue("remote", connection.remote())
            .addKeyValue("client", ping.hostnameText()).log("forward handshake done");
        return true;
      } catch (HandshakeRefusedException e) {
        refuse(connection, out, e.pongReason(), e.getMessage());
      } catch (MessageInsufficientBufferException e) {
        refuse(connection, out, "PING incomplete", "the connection ended in the middle of the handshake's PING");
      } catch (MessagePackException e) {
        refuse(connection, out, "invalid PING message", "malformed msgpack instead of the handshake's PING: "
            + e.getMessage());
      } catch (IOException e) {
        String detail = time.expired() || e instanceof SocketTimeoutException
            ? "no complete PING within sockets.idle_timeout (" + deadline + ") of the HELO"
            : "the connection failed before the handshake was done (" + e + ")";
        refuse(connection, out, "handshake timed out", detail);
      }
      return false;
    }
  }

  /**
   * Counts and logs a refused handshake and tells the client why in a PONG, if the connection still takes it.
   *
   * @param pongReason at most {@link HandshakeRefusedException#MAX_PONG_REASON_BYTES} bytes
   */
  void refuse(TcpConnection connection, MessagePacker out, String pongReason, String detail) {
    refused.incrementAndGet();
    LOG.atDebug().addKeyValue("input", FluentInputs.INPUT).addKeyValue("remote", connection.remote())
        .addKeyValue("reason", detail).log("forward handshake refused");
    try {
      writePong(out, false, pongReason, "", new byte[0]);
    } catch (IOException e) {
      // the connection is gone; the listener closes it either way
    }
  }

  private static void writeHelo(MessagePacker out, byte[] nonce) throws IOException {
    out.packArrayHeader(2);
    out.packString("HELO");
    out.packMapHeader(3);
    out.packString("nonce");
    out.packBinaryHeader(nonce.length);
    out.writePayload(nonce);
    out.packString("auth");
    out.packString("");
    out.packString("keepalive");
    out.packBoolean(true);
    out.flush();
  }

  private static void writePong(MessagePacker out, boolean accepted, String reason, String hostname, byte[] digest)
      throws IOException {
    out.packArrayHeader(5);
    out.packString("PONG");
    out.packBoolean(accepted);
    out.packString(reason);
    out.packString(hostname);
    out.packRawStringHeader(digest.length);
    out.writePayload(digest);
    out.flush();
  }

  /**
   * Whether the client's digest is the expected one, compared where every secret is ({@link SecretDigests}): both
   * reduced to SHA-256 and compared in constant time, so neither the first difference nor the length of what the
   * client sent shows in the time taken.
   */
  private static boolean sameDigest(byte[] expected, byte[] presented) {
    return SecretDigests.equal(SecretDigests.sha256(new String(expected, StandardCharsets.ISO_8859_1)),
        SecretDigests.sha256(new String(presented, StandardCharsets.ISO_8859_1)));
  }

  /** {@code sha512_hex(salt + hostname + nonce + shared_key)} as ASCII bytes, lower case as every sender writes it. */
  private byte[] hexDigest(byte[] salt, byte[] hostname, byte[] nonce) {
    MessageDigest sha512;
    try {
      sha512 = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("BUG: every Java runtime has SHA-512", e);
    }
    sha512.update(salt);
    sha512.update(hostname);
    sha512.update(nonce);
    sha512.update(sharedKey);
    return HEX.formatHex(sha512.digest()).getBytes(StandardCharsets.US_ASCII);
  }
}

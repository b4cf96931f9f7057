package dev.corral.server.inputs.fluent;

import dev.corral.server.text.Excerpt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * The client's answer to HELO in the forward protocol's handshake (Forward Protocol Specification v1, "PING"):
 * {@code ["PING", client_hostname, shared_key_salt, sha512_hex(shared_key_salt + client_hostname + nonce +
 * shared_key), username, password_digest]}. Every field is read as raw bytes (Fluent Bit sends its salt as 16
 * random bytes in a msgpack str) and checked against its limit before it is read, so a PING costs at most about
 * 1 KiB. The username and password digest are read and dropped: this server offers no user
 * authentication (its HELO's {@code auth} is empty). Immutable.
 *
 * @param clientHostname the client's {@code self_hostname}
 * @param salt the client's shared-key salt
 * @param digest the client's hex digest, as sent
 */
record Ping(byte[] clientHostname, byte[] salt, byte[] digest) {
  /** Elements of a PING. */
  static final int ELEMENTS = 6;
  /** 255: a host name is at most 253 characters; {@code self_hostname} is one. */
  static final int MAX_HOSTNAME_BYTES = 255;
  /** 255: senders use 16 random bytes (Fluentd, Fluent Bit) or their 32 hex digits (fluent-logger). */
  static final int MAX_SALT_BYTES = 255;
  /** 128: the hex digits of a SHA-512 digest. */
  static final int DIGEST_HEX_CHARS = 128;
  /** 255: a user name, or the 128 hex digits of a password digest; neither is used, both are bounded. */
  static final int MAX_USER_FIELD_BYTES = 255;
  private static final String KIND = "PING";

  /**
   * Reads the first value of a connection as a PING.
   *
   * @throws HandshakeRefusedException when the value is no PING (a forward message, garbage), has the wrong shape
   *     or a field over its limit; the rest of the value is left unread
   * @throws IOException when the connection fails or ends; the library's runtime {@code MessagePackException} when
   *     the bytes are no msgpack
   */
  static Ping read(MessageUnpacker in) throws IOException, HandshakeRefusedException {
    if (!in.hasNext()) {
      throw new HandshakeRefusedException("PING expected", "the connection ended before the handshake's PING");
    }
    MessageFormat format = in.getNextFormat();
    if (format.getValueType() != ValueType.ARRAY) {
      throw new HandshakeRefusedException("PING expected", "expected the handshake's PING (a msgpack array), got "
          + RecordReader.describe(format));
    }
    long elements = Integer.toUnsignedLong(in.unpackArrayHeader());
    byte[] kind = elements == 0 ? null : field(in, "the first element", KIND.length(), true);
    if (kind == null || !KIND.equals(new String(kind, StandardCharsets.UTF_8))) {
      throw new HandshakeRefusedException("PING expected", "a forward message came before the handshake's PING; "
          + "the sender needs the shared key (Fluentd <security> shared_key and self_hostname, Fluent Bit Shared_Key and "
          + "Self_Hostname)");
    }
    if (elements != ELEMENTS) {
      throw new HandshakeRefusedException("invalid PING message", "PING has " + elements + " elements, expected "
          + ELEMENTS + " [PING, client_hostname, shared_key_salt, digest, username, password_digest]");
    }
    byte[] hostname = field(in, "client_hostname", MAX_HOSTNAME_BYTES, false);
    byte[] salt = field(in, "shared_key_salt", MAX_SALT_BYTES, false);
    byte[] digest = field(in, "the shared key digest", DIGEST_HEX_CHARS, false);
    field(in, "username", MAX_USER_FIELD_BYTES, false);
    field(in, "password_digest", MAX_USER_FIELD_BYTES, false);
    return new Ping(hostname, salt, digest);
  }

  /** The client hostname as text for logs, cut and escaped. */
  String hostnameText() {
    return Excerpt.quote(new String(clientHostname, StandardCharsets.UTF_8));
  }

  /**
   * A str or bin field's bytes; null for a longer one when {@code lenient} (it is then not a PING at all),
   * otherwise a refusal naming the field and the limit.
   */
  private static byte[] field(MessageUnpacker in, String name, int maxBytes, boolean lenient)
      throws IOException, HandshakeRefusedException {
    MessageFormat format = in.getNextFormat();
    ValueType type = format.getValueType();
    if (type != ValueType.STRING && type != ValueType.BINARY) {
      if (lenient) {
        return null;
      }
      throw new HandshakeRefusedException("invalid PING message", "PING's " + name + " is "
          + RecordReader.describe(format) + ", expected a string");
    }
    long length = Integer.toUnsignedLong(type == ValueType.STRING ? in.unpackRawStringHeader() : in.unpackBinaryHeader());
    if (length > maxBytes) {
      if (lenient) {
        return null;
      }
      throw new HandshakeRefusedException("PING field too long", "PING's " + name + " is " + length
          + " bytes long, more than the limit of " + maxBytes + " bytes");
    }
    return in.readPayload((int) length);
  }
}

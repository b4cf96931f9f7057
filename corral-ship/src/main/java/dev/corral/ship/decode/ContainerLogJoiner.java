package dev.corral.ship.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads the lines of one container log file in either runtime format and joins the pieces of a long message:
 *
 * <ul>
 *   <li>CRI (containerd, CRI-O): {@code 2026-01-01T00:00:00.123456789Z stdout F message}; a {@code P} (partial)
 *       line is joined with the lines after it up to the next {@code F} (full) one;
 *   <li>Docker json-file: {@code {"log":"message\n","stream":"stdout","time":"..."}}; a {@code log} without its
 *       final {@code \n} is a piece (Docker splits lines at 16 KiB) joined with the next ones up to one that has
 *       it;
 *   <li>anything else is a message of its own, without stream or time.
 * </ul>
 *
 * A joined message longer than {@code maxBytes} characters keeps its beginning and is flagged truncated. One
 * instance per file; not thread-safe.
 */
public final class ContainerLogJoiner {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  /** What the format readers return for a piece of a message still open (null means: not this format). */
  private static final ContainerLogLine PIECE = new ContainerLogLine("", null, null, false);

  private final int maxBytes;
  private final StringBuilder pending = new StringBuilder();
  private boolean pendingTruncated;

  public ContainerLogJoiner(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The message {@code line} completes, or null when it is a piece of one still open. */
  public ContainerLogLine accept(String line) {
    ContainerLogLine read = line.startsWith("{") ? docker(line) : cri(line);
    if (read == null) {
      read = new ContainerLogLine(line, null, null, false);
    }
    return read == PIECE ? null : read;
  }

  /** Whether pieces of an unfinished message are held. */
  public boolean hasPending() {
    return !pending.isEmpty();
  }

  private ContainerLogLine cri(String line) {
    int firstSpace = line.indexOf(' ');
    int secondSpace = firstSpace < 0 ? -1 : line.indexOf(' ', firstSpace + 1);
    if (secondSpace < 0 || secondSpace + 2 > line.length()) {
      return null;
    }
    String stream = line.substring(firstSpace + 1, secondSpace);
    char tag = line.charAt(secondSpace + 1);
    boolean tagEnds = secondSpace + 2 == line.length() || line.charAt(secondSpace + 2) == ' ';
    if (!(stream.equals("stdout") || stream.equals("stderr")) || !(tag == 'P' || tag == 'F') || !tagEnds
        || !Character.isDigit(line.charAt(0))) {
      return null;
    }
    String message = secondSpace + 3 <= line.length() ? line.substring(secondSpace + 3) : "";
    return piece(message, tag == 'F', stream, line.substring(0, firstSpace));
  }

  private ContainerLogLine docker(String line) {
    String log = null;
    String stream = null;
    String time = null;
    try (JsonParser parser = FACTORY.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_STRING) {
          switch (name) {
            case "log" -> log = parser.getText();
            case "stream" -> stream = parser.getText();
            case "time" -> time = parser.getText();
            default -> { }
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      return null;
    }
    if (log == null) {
      return null;
    }
    boolean complete = log.endsWith("\n");
    String message = complete ? log.substring(0, log.length() - (log.endsWith("\r\n") ? 2 : 1)) : log;
    return piece(message, complete, stream, time);
  }

  private ContainerLogLine piece(String message, boolean last, String stream, String time) {
    if (pending.isEmpty() && last) {
      return new ContainerLogLine(message, stream, time, false);
    }
    int room = maxBytes - pending.length();
    if (message.length() > room) {
      pending.append(message, 0, Math.max(0, room));
      pendingTruncated = true;
    } else {
      pending.append(message);
    }
    if (!last) {
      return PIECE;
    }
    ContainerLogLine joined = new ContainerLogLine(pending.toString(), stream, time, pendingTruncated);
    pending.setLength(0);
    pendingTruncated = false;
    return joined;
  }
}

package dev.corral.server.inputs.bulk;

import com.fasterxml.jackson.core.JsonFactory;
import dev.corral.model.FieldNames;
import dev.corral.model.Fields;
import dev.corral.model.LogEvent;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.model.normalize.InvalidEventException;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.text.Excerpt;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Pairs the lines of a {@code _bulk} body (NDJSON: an action line, then for {@code index},
 * {@code create} and {@code update} a document line) into items, decoding the documents of
 * {@code index} and {@code create} into events.
 *
 * <p>Nothing is lost when a body is out of step: every line ends up either in a stored event or in
 * a refused item whose dead letter holds it. The rules, in body order (blank lines are skipped):
 * <ul>
 *   <li>A line where an action is expected that is JSON but not an action (a document whose
 *       action line is missing) is refused on its own; the next line is read as an action again.
 *   <li>A line where a document is expected that is certainly an action ({@link
 *       ActionLine#certainlyAnAction()}) means the pending action has no document: that action is
 *       refused and the line is read as the next action.
 *   <li>An action line that is not JSON, an unknown action and {@code update} are refused together
 *       with the document line after them (unless that line is certainly an action);
 *       {@code delete} is refused on its own.
 *   <li>An action at the end of the body is refused: its document is missing.
 * </ul>
 * The target index is kept as the {@code _index} field (and, when configured, becomes the service
 * of events that name none); an {@code _id} given on the action line is kept as {@code _id}.
 *
 * <p>Thread-safe; each call works on its own state.
 */
final class BulkBodyReader {
  /** The {@code dead_letter.input} of refused bulk items. */
  static final String INPUT = "bulk";
  /** The field that keeps the target index. */
  static final String INDEX_FIELD = "_index";
  /** The field that keeps an {@code _id} given on the action line. */
  static final String ID_FIELD = "_id";
  /** Error type of a document that cannot become an event (Elasticsearch 8's name). */
  static final String DOCUMENT_ERROR = "document_parsing_exception";
  /** Error type of a body whose structure is wrong at this item. */
  static final String STRUCTURE_ERROR = "illegal_argument_exception";

  private static final JsonFactory ACTION_JSON = JsonFactory.builder().build();

  private final EventDecoder decoder;
  private final boolean indexAsService;

  /** @param indexAsService whether the target index becomes the service of events that name none */
  BulkBodyReader(EventDecoder decoder, boolean indexAsService) {
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    this.indexAsService = indexAsService;
  }

  /**
   * Reads {@code body[0, length)}.
   *
   * @param defaultIndex the index of the URL ({@code /{index}/_bulk}), or null
   */
  BulkBatch read(byte[] body, int length, String defaultIndex, long receivedAtNanos) {
    Objects.checkFromIndexSize(0, length, body.length);
    Pass pass = new Pass(body, defaultIndex, receivedAtNanos);
    int start = length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF ? 3 : 0;
    int number = 0;
    while (start < length) {
      number++;
      int newline = indexOf(body, start, length);
      int lineEnd = newline < 0 ? length : newline;
      int contentEnd = lineEnd > start && body[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
      if (!isBlank(body, start, contentEnd)) {
        pass.line(number, start, contentEnd);
      }
      start = lineEnd + 1;
    }
    pass.finish();
    return new BulkBatch(pass.items, pass.events, pass.pipelines, pass.deadLetters);
  }

  /** An action waiting for its document line. {@code refusal} is set when the pair will be refused. */
  private record Pending(String action, String index, String id, boolean idGiven, int line, int start, int end,
      String refusal, String pipeline) {}

  /** The state of reading one body. */
  private final class Pass {
    final byte[] body;
    final String defaultIndex;
    final long receivedAtNanos;
    final List<BulkItem> items = new ArrayList<>();
    final List<LogEvent> events = new ArrayList<>();
    final List<String> pipelines = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final IdSource ids = new IdSource();
    Pending pending;

    Pass(byte[] body, String defaultIndex, long receivedAtNanos) {
      this.body = body;
      this.defaultIndex = defaultIndex;
      this.receivedAtNanos = receivedAtNanos;
    }

    void line(int number, int start, int end) {
      if (pending != null) {
        ActionLine action = probeAction(start, end);
        if (action == null) {
          document(number, start, end);
          return;
        }
        Pending lonely = pending;
        pending = null;
        refuse(lonely, lonely.refusal != null ? lonely.refusal
            : "line " + lonely.line + ": the " + lonely.action + " action has no document: line " + number
                + " is another action line", STRUCTURE_ERROR, lonely.start, lonely.end);
        action(number, start, end, action);
        return;
      }
      try {
        action(number, start, end, ActionLine.parse(ACTION_JSON, body, start, end - start));
      } catch (ActionLine.Invalid e) {
        String reason = "line " + number + ": " + e.getMessage();
        if (e.malformedJson()) {
          pending = new Pending("index", indexOrEmpty(null), ids.next(), false, number, start, end,
              reason + "; this action and its document were not stored", null);
        } else {
          refuse(new Pending("index", indexOrEmpty(null), ids.next(), false, number, start, end, null, null), reason,
              STRUCTURE_ERROR, start, end);
        }
      }
    }

    void action(int number, int start, int end, ActionLine action) {
      String index = indexOrEmpty(action.index());
      String id = action.id() != null ? action.id() : ids.next();
      String name = action.action();
      if (!action.takesDocument()) {
        refuse(new Pending(name, index, id, action.id() != null, number, start, end, null, null), "line " + number
            + ": action [delete] is not supported: Corral keeps logs append-only; use index or create",
            STRUCTURE_ERROR, start, end);
        return;
      }
      String refusal = null;
      if (name.equals("update")) {
        refusal = "line " + number + ": action [update] is not supported: Corral keeps logs append-only; use index or "
            + "create";
      } else if (!ActionLine.STORED.contains(name)) {
        refusal = "line " + number + ": unknown action [" + name + "]; expected one of [create, index] "
            + "(update and delete are not supported)";
      }
      pending = new Pending(name, index, id, action.id() != null, number, start, end, refusal, action.pipeline());
    }

    void document(int number, int start, int end) {
      Pending action = pending;
      pending = null;
      if (action.refusal != null) {
        refuse(action, action.refusal + (action.refusal.endsWith("not stored") ? "" : "; its document on line " + number
            + " was not stored"), STRUCTURE_ERROR, start, end);
        return;
      }
      try {
        LogEvent event = decoder.decode(body, start, end - start, receivedAtNanos);
        events.add(enrich(event, action.index.isEmpty() ? null : action.index, action.idGiven ? action.id : null));
        pipelines.add(action.pipeline);
        items.add(BulkItem.stored(action.action, action.index, action.id));
      } catch (InvalidEventException e) {
        refuse(action, "line " + number + ": " + e.reason(), DOCUMENT_ERROR, start, end);
      }
    }

    void finish() {
      if (pending != null) {
        Pending last = pending;
        pending = null;
        refuse(last, last.refusal != null ? last.refusal
            : "line " + last.line + ": the " + last.action + " action has no document: the body ends after it",
            STRUCTURE_ERROR, last.start, last.end);
      }
    }

    /** Answers {@code action} with 400 and keeps the input at {@code [start, end)} as a dead letter. */
    void refuse(Pending action, String reason, String type, int start, int end) {
      items.add(new BulkItem(action.action, action.index, action.id, 400, type, reason));
      int length = end - start;
      deadLetters.add(new DeadLetter(INPUT, reason, Excerpt.of(body, start, length), length));
    }

    /** The line as an action when it is certainly one, else null (then it is a document). */
    ActionLine probeAction(int start, int end) {
      if (!startsLikeAction(body, start, end)) {
        return null;
      }
      try {
        ActionLine action = ActionLine.parse(ACTION_JSON, body, start, end - start);
        return action.certainlyAnAction() ? action : null;
      } catch (ActionLine.Invalid e) {
        return null;
      }
    }

    String indexOrEmpty(String index) {
      return index != null ? index : defaultIndex != null ? defaultIndex : "";
    }
  }

  /** Adds {@code _index}, {@code _id} and (when configured and missing) the service. */
  private LogEvent enrich(LogEvent event, String index, String id) {
    if (index == null && id == null) {
      return event;
    }
    Fields.Builder fields = Fields.builder(event.fields().size() + 3);
    event.fields().forEach(fields::put);
    if (index != null) {
      fields.put(INDEX_FIELD, index);
      if (indexAsService && event.service() == null) {
        fields.put(FieldNames.SERVICE, index);
      }
    }
    if (id != null) {
      fields.put(ID_FIELD, id);
    }
    return new LogEvent(event.timestamp(), event.level(), event.message(), fields.build());
  }

  /**
   * Whether the line starts like {@code {"index"}, {@code {"create"}, {@code {"update"} or
   * {@code {"delete"}: a cheap test before parsing a document line as an action.
   */
  static boolean startsLikeAction(byte[] body, int start, int end) {
    int i = skipSpaces(body, start, end);
    if (i >= end || body[i] != '{') {
      return false;
    }
    i = skipSpaces(body, i + 1, end);
    if (i >= end || body[i] != '"') {
      return false;
    }
    for (String name : ActionLine.KNOWN) {
      int nameEnd = i + 1 + name.length();
      if (nameEnd < end && body[nameEnd] == '"' && regionMatches(body, i + 1, name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean regionMatches(byte[] body, int from, String ascii) {
    for (int k = 0; k < ascii.length(); k++) {
      if (body[from + k] != ascii.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static int skipSpaces(byte[] body, int from, int end) {
    int i = from;
    while (i < end && (body[i] == ' ' || body[i] == '\t')) {
      i++;
    }
    return i;
  }

  private static boolean isBlank(byte[] body, int start, int end) {
    for (int i = start; i < end; i++) {
      byte b = body[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Makes up the {@code _id} answered for a document sent without one: 20 URL-safe characters like
   * Elasticsearch's own ids, unique per request (random prefix) and per item (counter). Made-up ids
   * are answered but not stored.
   */
  private static final class IdSource {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private final String prefix;
    private int next;

    IdSource() {
      byte[] bytes = new byte[15];
      ThreadLocalRandom.current().nextBytes(bytes);
      prefix = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, 14);
    }

    String next() {
      int n = next++;
      char[] tail = new char[6];
      for (int k = 5; k >= 0; k--) {
        tail[k] = ALPHABET.charAt(n & 63);
        n >>>= 6;
      }
      return prefix + new String(tail);
    }
  }
}

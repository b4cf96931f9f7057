package dev.corral.model;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The reserved canonical field names: the snake_case names users type in queries. */
public final class FieldNames {
  public static final String TIMESTAMP = "timestamp";
  public static final String LEVEL = "level";
  public static final String MESSAGE = "message";
  public static final String SERVICE = "service";
  public static final String VERSION = "version";
  public static final String ENVIRONMENT = "environment";
  public static final String HOST = "host";
  public static final String COMPONENT = "component";
  public static final String LOGGER = "logger";
  public static final String TRACE_ID = "trace_id";
  public static final String SPAN_ID = "span_id";
  public static final String REQUEST_ID = "request_id";
  public static final String USER_ID = "user_id";
  public static final String LOGTYPE = "logtype";
  public static final String EXCEPTION_TYPE = "exception.type";
  public static final String EXCEPTION_MESSAGE = "exception.message";
  public static final String EXCEPTION_STACKTRACE = "exception.stacktrace";
  /** The original text of a timestamp that could not be parsed (the event got its receive time). */
  public static final String TIMESTAMP_ORIGINAL = "timestamp_original";
  /** The original value of a level that named no known level (the event got INFO). */
  public static final String LEVEL_ORIGINAL = "level_original";
  /** Flag set to {@code true} when the message was cut to the configured limit. */
  public static final String TRUNCATED = "_truncated";

  /** Fields indexed as analyzed full text rather than exact keywords. */
  public static final Set<String> FULL_TEXT = Set.of(MESSAGE, EXCEPTION_STACKTRACE);

  /** The reserved names by their lower-case form: users may type them in any case ({@code LEVEL}, {@code Service}). */
  private static final Map<String, String> RESERVED = Stream.of(TIMESTAMP, LEVEL, MESSAGE, SERVICE, VERSION,
          ENVIRONMENT, HOST, COMPONENT, LOGGER, TRACE_ID, SPAN_ID, REQUEST_ID, USER_ID, LOGTYPE, EXCEPTION_TYPE,
          EXCEPTION_MESSAGE, EXCEPTION_STACKTRACE, TRUNCATED)
      .collect(Collectors.toUnmodifiableMap(n -> n.toLowerCase(Locale.ROOT), n -> n));

  private FieldNames() {}

  /**
   * The canonical spelling of a field name typed in a query: a reserved name matches in any case;
   * every other name is case-sensitive and returned as typed. Every query back end resolves names
   * through this one method.
   */
  public static String canonical(String typed) {
    String reserved = RESERVED.get(typed.toLowerCase(Locale.ROOT));
    return reserved != null ? reserved : typed;
  }
}

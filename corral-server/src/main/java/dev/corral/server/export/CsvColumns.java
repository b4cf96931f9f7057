package dev.corral.server.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.model.FieldNames;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns of a CSV export ({@code fields=timestamp,service,http.status_code}) and how an event
 * becomes a row: each column is a field by its dotted name ({@link LogEvent#get}); {@code timestamp}
 * is written as ISO-8601 UTC with nanoseconds, a missing field as an empty cell, a list or object as
 * its JSON; every cell goes through {@link CsvCell}. Rows end with CRLF (RFC 4180). Immutable.
 *
 * @param names the field names, in order, without repeats
 */
record CsvColumns(List<String> names) {
  /** Without {@code fields=}: what a person reads a log line by. */
  static final List<String> DEFAULT = List.of(FieldNames.TIMESTAMP, FieldNames.LEVEL, FieldNames.SERVICE,
      FieldNames.HOST, FieldNames.MESSAGE);
  /** Far wider than a spreadsheet anyone reads; bounds the work per row. */
  static final int MAX_COLUMNS = 200;
  /** Field names are short; a longer one is a mistake. */
  static final int MAX_NAME_CHARS = 256;
  private static final ObjectMapper JSON = new ObjectMapper();

  CsvColumns {
    names = List.copyOf(names);
  }

  /**
   * The columns {@code fields} names (comma-separated), or {@link #DEFAULT} when null.
   *
   * @throws IllegalArgumentException for an empty name, too many or too long ones, naming the limit
   */
  static CsvColumns of(String fields) {
    if (fields == null) {
      return new CsvColumns(DEFAULT);
    }
    Set<String> names = new LinkedHashSet<>();
    for (String name : fields.split(",", -1)) {
      String field = name.strip();
      if (field.isEmpty()) {
        throw new IllegalArgumentException("'fields' has an empty name in '" + fields + "'; give field names "
            + "separated by commas, e.g. fields=timestamp,service,message");
      }
      if (field.length() > MAX_NAME_CHARS) {
        throw new IllegalArgumentException("'fields' has a name of " + field.length() + " characters; the limit is "
            + MAX_NAME_CHARS);
      }
      names.add(field);
    }
    if (names.size() > MAX_COLUMNS) {
      throw new IllegalArgumentException("'fields' names " + names.size() + " fields; the limit is " + MAX_COLUMNS);
    }
    return new CsvColumns(new ArrayList<>(names));
  }

  /** The header row: the field names, each a cell. */
  String header() {
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        row.append(',');
      }
      CsvCell.appendText(names.get(i), row);
    }
    return row.append("\r\n").toString();
  }

  /** The row of {@code event}. */
  String row(LogEvent event) {
    StringBuilder row = new StringBuilder(256);
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        row.append(',');
      }
      String name = names.get(i);
      Object value = event.get(name);
      if (name.equals(FieldNames.TIMESTAMP)) {
        CsvCell.appendLiteral(Timestamps.format(event.timestamp()), row);
      } else if (value instanceof Number || value instanceof Boolean) {
        CsvCell.appendLiteral(value.toString(), row);
      } else if (value instanceof String text) {
        CsvCell.appendText(text, row);
      } else if (value != null) {
        CsvCell.appendText(json(value), row);
      }
    }
    return row.append("\r\n").toString();
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("BUG: a field value of an event is not JSON: " + value.getClass(), e);
    }
  }
}

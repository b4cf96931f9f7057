package dev.corral.dist;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a query result table ({@code columns}, {@code rows}) as aligned text: a header, a rule,
 * numbers right-aligned, text left-aligned, missing cells as {@code -}. Stateless.
 */
public final class TablePrinter {
  /** Longer cells are cut with an ellipsis so one wide value does not wreck the layout. */
  private static final int MAX_CELL = 60;

  private TablePrinter() {}

  /** The table as lines of text. */
  public static List<String> format(JsonNode result) {
    JsonNode columns = result.path("columns");
    int count = columns.size();
    List<String[]> cells = new ArrayList<>();
    boolean[] numeric = new boolean[count];
    String[] header = new String[count];
    int[] width = new int[count];
    for (int c = 0; c < count; c++) {
      header[c] = columns.get(c).path("name").asText();
      String type = columns.get(c).path("type").asText();
      numeric[c] = type.equals("long") || type.equals("double");
      width[c] = header[c].length();
    }
    for (JsonNode row : result.path("rows")) {
      String[] line = new String[count];
      for (int c = 0; c < count; c++) {
        line[c] = cell(row.get(c));
        width[c] = Math.max(width[c], line[c].length());
      }
      cells.add(line);
    }
    List<String> lines = new ArrayList<>(cells.size() + 2);
    lines.add(join(header, width, numeric));
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < count; c++) {
      rule.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
    }
    lines.add(rule.toString());
    for (String[] line : cells) {
      lines.add(join(line, width, numeric));
    }
    return lines;
  }

  private static String join(String[] cells, int[] width, boolean[] numeric) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      if (c > 0) {
        line.append("  ");
      }
      String padded = numeric[c] ? " ".repeat(width[c] - cells[c].length()) + cells[c]
          : cells[c] + " ".repeat(width[c] - cells[c].length());
      line.append(padded);
    }
    return line.toString().stripTrailing();
  }

  private static String cell(JsonNode value) {
    if (value == null || value.isNull()) {
      return "-";
    }
    String text;
    if (value.isFloatingPointNumber()) {
      double d = value.asDouble();
      text = d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format("%.3f", d);
    } else {
      text = value.asText();
    }
    text = text.replace('\n', ' ');
    return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 1) + "…" : text;
  }
}

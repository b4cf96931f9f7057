package dev.corral.pipeline.processors;

import dev.corral.pipeline.Document;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value with field references, as Elasticsearch's mustache templates write the simple case:
 * {@code {{field}}} and {@code {{{field}}}} (no escaping either way: events are not HTML) are
 * replaced by the field's value as text, an absent field by nothing; {@code
 * {{_ingest.on_failure_message}}} in a failure handler reads the failure, and {@code
 * {{_ingest.timestamp}}} is the time of processing (ISO-8601 UTC), as Filebeat's pipelines use it
 * for {@code event.ingested}. Sections, partials and
 * anything else of mustache are not supported: such text is left as it is. Immutable.
 */
final class Template {
  /** Elasticsearch's metadata field of the time a document is processed. */
  static final String INGEST_TIMESTAMP = "_ingest.timestamp";
  private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\{?\\s*([^{}\\s]+)\\s*}}}?");

  private final List<String> literals;
  private final List<String> fields;

  private Template(List<String> literals, List<String> fields) {
    this.literals = literals;
    this.fields = fields;
  }

  static Template of(String text) {
    List<String> literals = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    Matcher matcher = REFERENCE.matcher(text);
    int at = 0;
    while (matcher.find()) {
      literals.add(text.substring(at, matcher.start()));
      fields.add(matcher.group(1));
      at = matcher.end();
    }
    literals.add(text.substring(at));
    return new Template(List.copyOf(literals), List.copyOf(fields));
  }

  /** Whether the text refers to no field. */
  boolean isConstant() {
    return fields.isEmpty();
  }

  String render(Document document) {
    if (fields.isEmpty()) {
      return literals.get(0);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      out.append(literals.get(i));
      String field = fields.get(i);
      Object value = field.equals(INGEST_TIMESTAMP) && !document.has(field) ? Instant.now().toString()
          : document.get(field);
      if (value != null) {
        out.append(value);
      }
    }
    return out.append(literals.get(fields.size())).toString();
  }

  /** A value option rendered: text through its template, a list item by item, anything else as it is. */
  static Object renderValue(Object value, Document document) {
    if (value instanceof Template template) {
      return template.render(document);
    }
    if (value instanceof List<?> list) {
      List<Object> rendered = new ArrayList<>(list.size());
      for (Object item : list) {
        rendered.add(renderValue(item, document));
      }
      return rendered;
    }
    return value;
  }

  /** A value option compiled: text becomes a template, a list item by item. */
  static Object compileValue(Object value) {
    if (value instanceof String text) {
      return of(text);
    }
    if (value instanceof List<?> list) {
      List<Object> compiled = new ArrayList<>(list.size());
      for (Object item : list) {
        compiled.add(compileValue(item));
      }
      return compiled;
    }
    return value;
  }
}

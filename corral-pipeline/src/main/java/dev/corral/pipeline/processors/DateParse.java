package dev.corral.pipeline.processors;

import dev.corral.model.FieldNames;
import dev.corral.model.Timestamps;
import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Document;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code date}: the field's text parsed with the first of {@code formats} that fits ({@link
 * DateFormat}: Java or Joda-style patterns, {@code ISO8601}, {@code UNIX}, {@code UNIX_MS}, {@code
 * TAI64N}), in {@code timezone} (UTC by default) and {@code locale} (English by default) when the
 * text has no zone. The result goes to {@code target_field}, by default {@code timestamp}: the
 * event's time itself ({@code @timestamp}, Elasticsearch's name, means it too); another target
 * gets the instant as text in {@code output_format} (ISO-8601 by default). Text no format parses
 * fails the event naming the formats. A number in the field is
 * read as its text. Options: {@code field}, {@code formats}, {@code target_field}, {@code
 * timezone}, {@code locale}, {@code output_format}, {@code ignore_missing}.
 */
final class DateParse implements Processor {
  /** Elasticsearch's name of the event time, which its pipelines give as target: Corral's {@code timestamp}. */
  private static final String ELASTICSEARCH_TIMESTAMP = "@timestamp";

  private final FieldOptions options;
  private final List<String> formatNames;
  private final List<DateFormat> formats;
  private final ZoneId zone;
  private final DateTimeFormatter output;

  private DateParse(FieldOptions options, List<String> formatNames, List<DateFormat> formats, ZoneId zone,
      DateTimeFormatter output) {
    this.options = options;
    this.formatNames = formatNames;
    this.formats = formats;
    this.zone = zone;
    this.output = output;
  }

  static Processor create(ProcessorConfig config) throws DefinitionException {
    String field = config.string("field");
    String target = config.string("target_field", FieldNames.TIMESTAMP);
    if (target.equals(ELASTICSEARCH_TIMESTAMP)) {
      target = FieldNames.TIMESTAMP;
    }
    FieldOptions options = new FieldOptions(field, target, config.bool("ignore_missing", false));
    List<String> names = config.strings("formats");
    if (names.isEmpty()) {
      throw config.invalid("option 'formats' is required: a list of patterns or ISO8601, UNIX, UNIX_MS, TAI64N");
    }
    Locale locale = Locale.forLanguageTag(config.string("locale", "en").replace('_', '-'));
    ZoneId zone;
    try {
      zone = config.optionalString("timezone").map(ZoneId::of).orElse(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw config.invalid("option 'timezone' is not a time zone: " + e.getMessage());
    }
    List<DateFormat> formats = new ArrayList<>(names.size());
    for (String name : names) {
      try {
        formats.add(DateFormat.of(name, locale));
      } catch (IllegalArgumentException e) {
        throw config.invalid("format '" + name + "' is not a valid date pattern: " + e.getMessage());
      }
    }
    DateTimeFormatter output;
    try {
      output = config.optionalString("output_format")
          .map(pattern -> DateTimeFormatter.ofPattern(DateFormat.fromJoda(pattern), locale))
          .orElse(DateTimeFormatter.ISO_INSTANT);
    } catch (IllegalArgumentException e) {
      throw config.invalid("option 'output_format' is not a valid date pattern: " + e.getMessage());
    }
    return new DateParse(options, List.copyOf(names), List.copyOf(formats), zone, output);
  }

  @Override
  public boolean process(Document document) throws ProcessorException {
    Object value = options.value(document);
    if (value == null) {
      return true;
    }
    String text = value.toString();
    Instant instant = parse(text);
    if (options.target().equals(FieldNames.TIMESTAMP)) {
      try {
        document.set(FieldNames.TIMESTAMP, Timestamps.toNanos(instant));
      } catch (ArithmeticException e) {
        throw new ProcessorException("date '" + text + "' is outside the years 1677 to 2262 an event can hold");
      }
    } else {
      document.set(options.target(), output.format(instant.atZone(zone)));
    }
    return true;
  }

  private Instant parse(String text) throws ProcessorException {
    for (DateFormat format : formats) {
      try {
        return format.parse(text, zone);
      } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
        // the next format may fit
      }
    }
    throw new ProcessorException("field '" + options.field() + "' is " + dev.corral.pipeline.FieldValues.describe(text)
        + ", which none of the formats " + formatNames + " parses");
  }
}

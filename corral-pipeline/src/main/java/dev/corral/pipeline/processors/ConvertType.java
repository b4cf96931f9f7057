package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Document;
import dev.corral.pipeline.FieldValues;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code convert}: the field's value as {@code type}: {@code integer} or {@code long} (a whole
 * number; {@code 0x} hex taken), {@code float} or {@code double}, {@code boolean} ({@code
 * true}/{@code false} in any case), {@code string}, {@code ip} (an IPv4 or IPv6 address, kept as
 * text) or {@code auto} (a whole number, else a decimal, else a boolean, else the text). A list is
 * converted item by item. A value that does not convert fails the event. Options: {@code field},
 * {@code type}, {@code target_field}, {@code ignore_missing}.
 */
final class ConvertType implements Processor {
  private static final List<String> TYPES = List.of("integer", "long", "float", "double", "boolean", "string", "ip",
      "auto");
  private static final Pattern IPV4 =
      Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}(%[\\w.]+)?");

  private final FieldOptions options;
  private final String type;

  private ConvertType(FieldOptions options, String type) {
    this.options = options;
    this.type = type;
  }

  static Processor create(ProcessorConfig config) throws DefinitionException {
    FieldOptions options = FieldOptions.read(config);
    String type = config.string("type").toLowerCase(Locale.ROOT);
    if (!TYPES.contains(type)) {
      throw config.invalid("option 'type' is '" + type + "'; must be one of " + String.join(", ", TYPES)
          + dev.corral.query.NearestName.hint(type, TYPES));
    }
    return new ConvertType(options, type);
  }

  @Override
  public boolean process(Document document) throws ProcessorException {
    Object value = options.value(document);
    if (value == null) {
      return true;
    }
    if (value instanceof List<?> list) {
      List<Object> converted = new ArrayList<>(list.size());
      for (Object item : list) {
        converted.add(item == null ? null : convert(item));
      }
      document.set(options.target(), converted);
    } else {
      document.set(options.target(), convert(value));
    }
    return true;
  }

  private Object convert(Object value) throws ProcessorException {
    String text = value.toString().strip();
    return switch (type) {
      case "integer", "long" -> toLong(value, text);
      case "float", "double" -> toDouble(value, text);
      case "boolean" -> toBoolean(value, text);
      case "string" -> value.toString();
      case "ip" -> toIp(text);
      default -> auto(value, text);
    };
  }

  private Object toLong(Object value, String text) throws ProcessorException {
    if (value instanceof Long) {
      return value;
    }
    if (value instanceof Double number && number == Math.rint(number) && Math.abs(number) < 0x1p63) {
      return number.longValue();
    }
    try {
      if (text.startsWith("0x") || text.startsWith("0X")) {
        return Long.parseLong(text.substring(2), 16);
      }
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw failed(value, "a whole number");
    }
  }

  private Object toDouble(Object value, String text) throws ProcessorException {
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    try {
      double parsed = Double.parseDouble(text);
      if (Double.isNaN(parsed) || Double.isInfinite(parsed)) {
        throw failed(value, "a finite number");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw failed(value, "a number");
    }
  }

  private Object toBoolean(Object value, String text) throws ProcessorException {
    if (value instanceof Boolean) {
      return value;
    }
    if (text.equalsIgnoreCase("true")) {
      return true;
    }
    if (text.equalsIgnoreCase("false")) {
      return false;
    }
    throw failed(value, "true or false");
  }

  private Object toIp(String text) throws ProcessorException {
    if (IPV4.matcher(text).matches() || (text.contains(":") && IPV6.matcher(text).matches() && validIpv6(text))) {
      return text;
    }
    throw failed(text, "an IP address");
  }

  private static boolean validIpv6(String text) {
    try {
      // text holds ':' and only hex digits, ':' and '.', so this parses a literal and never asks DNS
      java.net.InetAddress.getByName(text.replaceFirst("%.*$", ""));
      return true;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static Object auto(Object value, String text) {
    if (!(value instanceof String)) {
      return value;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException notWhole) {
      try {
        double parsed = Double.parseDouble(text);
        if (!Double.isNaN(parsed) && !Double.isInfinite(parsed) && !text.endsWith("d") && !text.endsWith("f")
            && !text.endsWith("D") && !text.endsWith("F")) {
          return parsed;
        }
      } catch (NumberFormatException notNumber) {
        // not a number: a boolean or the text itself
      }
    }
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
    }
    return value;
  }

  private ProcessorException failed(Object value, String expected) {
    return new ProcessorException("field '" + options.field() + "' is " + FieldValues.describe(value) + ", not "
        + expected);
  }
}

package dev.corral.pipeline.parse;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds {@code redact} processors, which mask personal data in text fields before anything
 * reaches the disk. Options:
 *
 * <ul>
 *   <li>{@code field} or {@code fields}: the text fields to redact, {@code message} by default;
 *   <li>{@code detectors}: the built-in detectors to run, all by default: {@code jwt},
 *       {@code bearer}, {@code email}, {@code iban} (mod-97 checked), {@code credit_card} (Luhn
 *       checked), {@code ipv6}, {@code ipv4}; {@code []} runs only {@code patterns};
 *   <li>{@code patterns}: Java regular expressions of the definition's own; a named group
 *       {@code (?<PASSWORD>\S+)} is what is masked and names the label, else the whole match is,
 *       as {@code REDACTED};
 *   <li>{@code mode}: {@code mask} (the default: {@code <EMAIL>}, or {@code mask_char}
 *       repeated) or {@code hash} ({@code <EMAIL:hex>}, a keyed HMAC-SHA256 with {@code hash_key},
 *       so equal values stay joinable);
 *   <li>{@code ignore_missing}; {@code timeout_millis}: the time budget of all detectors on one
 *       field ({@value MatchBudget#DEFAULT_MILLIS} ms by default).
 * </ul>
 *
 * A pattern that does not compile is refused with its position; one that backtracks
 * catastrophically on a probe text is refused too. Stateless.
 */
public final class RedactFactory implements ProcessorFactory {
  /** The one instance, to register under the type name {@code redact}. */
  public static final RedactFactory FACTORY = new RedactFactory();

  private RedactFactory() {}

  @Override
  public Processor create(ProcessorConfig config) throws DefinitionException {
    List<String> fields = fields(config);
    List<Detector> detectors = new ArrayList<>();
    List<String> builtIn = config.has("detectors") ? config.strings("detectors") : List.copyOf(Detector.BUILT_IN.keySet());
    for (String name : builtIn) {
      Detector detector = Detector.BUILT_IN.get(name);
      if (detector == null) {
        throw config.invalid("option 'detectors': unknown detector '" + name + "' (known: "
            + String.join(", ", Detector.BUILT_IN.keySet()) + ")");
      }
      detectors.add(detector);
    }
    long budget = config.integer("timeout_millis", MatchBudget.DEFAULT_MILLIS, 1, MatchBudget.MAX_MILLIS);
    List<String> patterns = config.strings("patterns");
    for (int i = 0; i < patterns.size(); i++) {
      detectors.add(custom(config, i, patterns.get(i), budget));
    }
    if (detectors.isEmpty()) {
      throw config.invalid("nothing to redact: 'detectors' is empty and no 'patterns' are given");
    }
    Replacement replacement = replacement(config);
    boolean ignoreMissing = config.bool("ignore_missing", false);
    config.requireAllRead();
    return new RedactProcessor(fields, detectors, replacement, ignoreMissing, budget);
  }

  private static List<String> fields(ProcessorConfig config) throws DefinitionException {
    List<String> fields = new ArrayList<>(config.strings("field"));
    fields.addAll(config.strings("fields"));
    return fields.isEmpty() ? List.of("message") : List.copyOf(fields);
  }

  private static Detector custom(ProcessorConfig config, int index, String regex, long budget) throws DefinitionException {
    Pattern pattern;
    try {
      pattern = BoundedPattern.compile(regex, budget).pattern();
    } catch (IllegalArgumentException e) {
      throw config.invalid("option 'patterns': pattern " + index + " " + e.getMessage());
    }
    List<String> names = pattern.namedGroups().keySet().stream().sorted().toList();
    if (names.size() > 1) {
      throw config.invalid("option 'patterns': pattern " + index + " '" + regex + "' has named groups " + names
          + "; one names what is masked");
    }
    return names.isEmpty() ? new Detector("REDACTED", pattern, 0, candidate -> true)
        : new Detector(names.getFirst(), pattern, pattern.namedGroups().get(names.getFirst()), candidate -> true);
  }

  private static Replacement replacement(ProcessorConfig config) throws DefinitionException {
    String mode = config.string("mode", "mask");
    return switch (mode) {
      case "mask" -> {
        String maskChar = config.optionalString("mask_char").orElse(null);
        if (maskChar == null) {
          yield new Replacement.Label();
        }
        if (maskChar.length() != 1) {
          throw config.invalid("option 'mask_char' must be one character, got '" + maskChar + "'");
        }
        yield new Replacement.MaskChar(maskChar.charAt(0));
      }
      case "hash" -> {
        byte[] key = config.string("hash_key").getBytes(StandardCharsets.UTF_8);
        if (key.length < Replacement.KeyedHash.MIN_KEY_BYTES) {
          throw config.invalid("option 'hash_key' has " + key.length + " bytes, at least "
              + Replacement.KeyedHash.MIN_KEY_BYTES + " are needed");
        }
        yield new Replacement.KeyedHash(key);
      }
      default -> throw config.invalid("option 'mode' is '" + mode + "', must be mask or hash");
    };
  }
}

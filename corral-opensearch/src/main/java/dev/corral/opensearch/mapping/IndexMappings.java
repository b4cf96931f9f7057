package dev.corral.opensearch.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code mappings} of Corral's index template, mirroring the local store's field mapping:
 * {@code timestamp} date_nanos; {@code message} and {@code exception.stacktrace} analyzed text
 * (the standard tokenizer, lowercased, no stop words, as Corral's own analyzer); every other string
 * a keyword with doc values, not indexed past {@code ignoreAbove}; every number a double (one
 * dynamic template each for JSON longs and doubles, so 1 then 1.5 never conflict); {@code overflow}
 * a flat_object holding the fields past the per-index field limit.
 *
 * <p>MINIMAL VERSION written by the write side (helper os-write) so that it can install the
 * template before the read side's mapping is merged; the read side's version of this package
 * replaces it at merge.
 */
public final class IndexMappings {
  /** The field that holds, flattened, the fields past the per-index field limit. */
  public static final String OVERFLOW = "overflow";
  private static final ObjectMapper JSON = new ObjectMapper();

  private IndexMappings() {}

  /** The template's {@code mappings} object; {@code ignoreAbove}: longest keyword indexed, in characters. */
  public static ObjectNode mappings(int ignoreAbove) {
    ObjectNode mappings = JSON.createObjectNode();
    mappings.put("date_detection", false);
    mappings.put("numeric_detection", false);
    ArrayNode templates = mappings.putArray("dynamic_templates");
    templates.addObject().putObject("longs_as_doubles").put("match_mapping_type", "long")
        .putObject("mapping").put("type", "double");
    templates.addObject().putObject("doubles").put("match_mapping_type", "double")
        .putObject("mapping").put("type", "double");
    templates.addObject().putObject("strings_as_keywords").put("match_mapping_type", "string")
        .putObject("mapping").put("type", "keyword").put("ignore_above", ignoreAbove);
    ObjectNode properties = mappings.putObject("properties");
    properties.putObject("timestamp").put("type", "date_nanos");
    properties.putObject("level").put("type", "keyword");
    properties.putObject("message").put("type", "text").put("analyzer", "standard");
    properties.putObject("exception").putObject("properties").putObject("stacktrace").put("type", "text")
        .put("analyzer", "standard");
    properties.putObject(OVERFLOW).put("type", "flat_object");
    return mappings;
  }
}

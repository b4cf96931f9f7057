package dev.corral.opensearch.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.opensearch.mapping.EventMappings;
import dev.corral.query.plan.CompareOp;
import dev.corral.query.resolve.EventStep;
import dev.corral.query.resolve.FieldKind;
import dev.corral.query.resolve.WhereValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Event-stage {@code | where field op value} as Query DSL, where OpenSearch decides it as corral-query's
 * {@code WhereComparison} does (a missing value never matches; a number against a numeric value
 * numerically, with {@code -0.0 == 0.0}; anything else as text):
 *
 * <ul>
 *   <li>numbers: a {@code range} on the twin {@code f.n} when the value is a number (whole values up to
 *       2<sup>53</sup>, which a double holds exactly); none match {@code =} and all match {@code !=} a value
 *       that is no number (a number's text is never equal to it); other comparisons of numbers with text
 *       are not translated;
 *   <li>strings and booleans: a {@code range} or {@code term} on the keyword with the value's text, for
 *       events whose value is no number; {@code level} by its name.
 * </ul>
 * A plan's event stage is translated only when it is nothing but such wheres (and {@code fields} and
 * trailing heads): a {@code sort}, a {@code head} before a where, an extraction or {@code eval} keep the
 * event stage in Corral. Text compares as UTF-8 bytes in OpenSearch and as UTF-16 units in Corral: the
 * same order except for characters beyond U+FFFF against U+E000..U+FFFF. Stateless.
 */
final class WhereTranslation {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  /** Whole numbers up to this magnitude are exact as doubles, so OpenSearch compares them as Corral does. */
  private static final long EXACT_DOUBLE = 1L << 53;

  private WhereTranslation() {}

  /** The DSL of every step, or null when some step is not a where OpenSearch decides as Corral. */
  static List<ObjectNode> of(List<EventStep> steps) {
    List<ObjectNode> clauses = new ArrayList<>(steps.size());
    for (EventStep step : steps) {
      ObjectNode clause = step instanceof EventStep.Where where ? where(where) : null;
      if (clause == null) {
        return null;
      }
      clauses.add(clause);
    }
    return clauses;
  }

  private static ObjectNode where(EventStep.Where where) {
    if (where.field() == null) {
      return FilterTranslation.leaf("match_none", JSON.objectNode()); // hidden by | fields: nothing kept
    }
    String field = where.field().name();
    return switch (where.field().kind()) {
      case LEVEL -> text(field, where.op(), where.value().text());
      case VALUE -> value(field, where.op(), where.value());
      case TIMESTAMP, FULL_TEXT -> null; // the timestamp compares as time; full text is refused before
    };
  }

  private static ObjectNode value(String field, CompareOp op, WhereValue value) {
    ObjectNode strings = FilterTranslation.leaf("bool", JSON.objectNode()
        .<ObjectNode>set("filter", JSON.arrayNode().add(text(field, op, value.text())))
        .set("must_not", JSON.arrayNode().add(exists(EventMappings.number(field)))));
    ObjectNode numbers;
    Number number = value.number();
    if (number != null) {
      if (number instanceof Long whole && Math.abs(whole) > EXACT_DOUBLE) {
        return null;
      }
      numbers = numberRange(EventMappings.number(field), op, number.doubleValue());
    } else if (op == CompareOp.EQ) {
      numbers = null;
    } else if (op == CompareOp.NE) {
      numbers = exists(EventMappings.number(field));
    } else {
      return null;
    }
    if (numbers == null) {
      return strings;
    }
    ArrayNode should = JSON.arrayNode().add(strings).add(numbers);
    return FilterTranslation.leaf("bool", JSON.objectNode().<ObjectNode>set("should", should)
        .put("minimum_should_match", 1));
  }

  /** A comparison of the keyword's text: {@code !=} is "has a value and not this one". */
  private static ObjectNode text(String field, CompareOp op, String text) {
    return switch (op) {
      case EQ -> FilterTranslation.leaf("term", JSON.objectNode().put(field, text));
      case NE -> FilterTranslation.leaf("bool", JSON.objectNode()
          .<ObjectNode>set("filter", JSON.arrayNode().add(exists(field)))
          .set("must_not", JSON.arrayNode().add(FilterTranslation.leaf("term", JSON.objectNode().put(field, text)))));
      case LT -> range(field, "lt", text);
      case LE -> range(field, "lte", text);
      case GT -> range(field, "gt", text);
      case GE -> range(field, "gte", text);
    };
  }

  /**
   * Numbers compared as Corral does, where {@code -0.0 == 0.0} (OpenSearch's points put {@code -0.0}
   * below {@code 0.0}): a lower bound at zero starts at {@code -0.0}, an upper one ends at {@code 0.0}.
   */
  private static ObjectNode numberRange(String field, CompareOp op, double value) {
    double low = value == 0 ? -0.0 : value;
    double high = value == 0 ? 0.0 : value;
    return switch (op) {
      case EQ -> FilterTranslation.leaf("range", JSON.objectNode().set(field, JSON.objectNode().put("gte", low)
          .put("lte", high)));
      case NE -> FilterTranslation.leaf("bool", JSON.objectNode()
          .<ObjectNode>set("filter", JSON.arrayNode().add(exists(field)))
          .set("must_not", JSON.arrayNode().add(numberRange(field, CompareOp.EQ, value))));
      case LT -> range(field, "lt", low);
      case LE -> range(field, "lte", high);
      case GT -> range(field, "gt", high);
      case GE -> range(field, "gte", low);
    };
  }

  private static ObjectNode range(String field, String op, String text) {
    return FilterTranslation.leaf("range", JSON.objectNode().set(field, JSON.objectNode().put(op, text)));
  }

  private static ObjectNode range(String field, String op, double value) {
    return FilterTranslation.leaf("range", JSON.objectNode().set(field, JSON.objectNode().put(op, value)));
  }

  private static ObjectNode exists(String field) {
    return FilterTranslation.leaf("exists", JSON.objectNode().put("field", field));
  }
}

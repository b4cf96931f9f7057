package dev.corral.opensearch.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.model.FieldNames;
import dev.corral.model.Level;
import dev.corral.opensearch.mapping.EventMappings;
import dev.corral.query.resolve.AllOf;
import dev.corral.query.resolve.AnyOf;
import dev.corral.query.resolve.Everything;
import dev.corral.query.resolve.FieldKind;
import dev.corral.query.resolve.FilterResolver;
import dev.corral.query.resolve.HasField;
import dev.corral.query.resolve.KeywordEquals;
import dev.corral.query.resolve.LevelIn;
import dev.corral.query.resolve.Negated;
import dev.corral.query.resolve.Nothing;
import dev.corral.query.resolve.NumberBetween;
import dev.corral.query.resolve.NumberEquals;
import dev.corral.query.resolve.TermPattern;
import dev.corral.query.resolve.TextBetween;
import dev.corral.query.resolve.TimeBetween;
import dev.corral.query.resolve.TypedField;
import dev.corral.query.resolve.TypedFilter;
import dev.corral.query.resolve.Words;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Translates a {@link TypedFilter} (a filter resolved by {@link FilterResolver}, which states what
 * each clause means) into an OpenSearch Query DSL node over the fields of {@link EventMappings}, one
 * case per node, as corral-store's {@code LuceneQueryBuilder} translates it into a Lucene query and
 * the in-memory evaluator into a predicate:
 *
 * <ul>
 *   <li>{@link Words}: one word a {@code term} on the text field (the word is analyzed already), several a
 *       {@code match_phrase} with the {@code whitespace} analyzer, so the words are taken as they are and
 *       must be consecutive.
 *   <li>{@link KeywordEquals}, {@link TextBetween}, {@link TermPattern} on a value field: the keyword, and
 *       no number ({@code must_not exists f.n}): the keyword of a number holds its text, which the Lucene
 *       store does not index as a string.
 *   <li>{@link NumberEquals}, {@link NumberBetween}: a {@code range} on the numeric twin {@code f.n}
 *       (a double compared as OpenSearch's points do: by sortable bits, so {@code -0.0 < 0.0}, as Corral).
 *   <li>{@link TimeBetween}: a {@code range} on the {@code date_nanos} timestamp in ISO-8601 with
 *       nanoseconds; an open end has no bound.
 *   <li>{@link LevelIn}: {@code terms} on the level name; patterns and ranges on {@code level} run on it
 *       too (a level regex with {@code case_insensitive}).
 *   <li>{@link HasField} on a value field: its twin {@code f.n} holds a number, or {@link
 *       EventMappings#IGNORED} names the twin: every string and boolean is recorded there, so a string too
 *       long to index is found too. Not {@code exists f}: where events have {@code f.x}, {@code f} is an
 *       object and {@code exists} would match those. On a full-text field: {@code exists}. Either way
 *       also {@code exists overflow.f}: a field beyond the index's field limit is found, as the Lucene
 *       store finds it.
 *   <li>Patterns and ranges on {@code timestamp} (which the resolver never makes) match nothing, as on the
 *       Lucene store, whose timestamp has no terms.
 * </ul>
 *
 * Refusals (a pattern too complex or invalid) are not made here: the caller compiles the filter with
 * corral-query's {@code EventFilter} first, which refuses with the very messages of the Lucene store.
 * Stateless and thread-safe.
 */
final class FilterTranslation {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private FilterTranslation() {}

  /** The Query DSL node of a typed filter. */
  static ObjectNode translate(TypedFilter node) {
    return switch (node) {
      case Everything e -> leaf("match_all", JSON.objectNode());
      case Nothing n -> leaf("match_none", JSON.objectNode());
      case AllOf all -> allOf(all.clauses());
      case AnyOf any -> anyOf(any.clauses());
      case Negated not -> leaf("bool", JSON.objectNode().set("must_not", JSON.arrayNode().add(translate(not.clause()))));
      case Words w -> words(w);
      case KeywordEquals k -> stringOnly(k.field(), leaf("term", field(k.field(), JSON.textNode(k.value()))));
      case NumberEquals n -> numberRange(n.field(), n.value(), n.value());
      case NumberBetween n -> numberRange(n.field(), n.from(), n.to());
      case TimeBetween t -> timeRange(t);
      case LevelIn l -> levels(l);
      case TextBetween t -> onTerms(t.field(), textRange(t));
      case HasField h -> exists(h.field());
      case TermPattern p -> onTerms(p.field(), pattern(p));
    };
  }

  /** A bool node whose positive clauses filter and negated ones exclude; all negated: everything else. */
  private static ObjectNode allOf(List<TypedFilter> clauses) {
    ObjectNode bool = JSON.objectNode();
    ArrayNode filter = JSON.arrayNode();
    ArrayNode mustNot = JSON.arrayNode();
    for (TypedFilter clause : clauses) {
      if (clause instanceof Negated not) {
        mustNot.add(translate(not.clause()));
      } else {
        filter.add(translate(clause));
      }
    }
    if (!filter.isEmpty()) {
      bool.set("filter", filter);
    }
    if (!mustNot.isEmpty()) {
      bool.set("must_not", mustNot);
    }
    return leaf("bool", bool);
  }

  private static ObjectNode anyOf(List<TypedFilter> clauses) {
    ArrayNode should = JSON.arrayNode();
    for (TypedFilter clause : clauses) {
      should.add(translate(clause));
    }
    ObjectNode bool = JSON.objectNode();
    bool.set("should", should);
    bool.put("minimum_should_match", 1);
    return leaf("bool", bool);
  }

  private static ObjectNode words(Words w) {
    if (w.words().size() == 1) {
      return leaf("term", field(w.field(), JSON.textNode(w.words().get(0))));
    }
    ObjectNode phrase = JSON.objectNode().put("query", String.join(" ", w.words())).put("analyzer", "whitespace");
    return leaf("match_phrase", field(w.field(), phrase));
  }

  /** {@code clause} on a value field's keyword, for events whose value there is a string (or a boolean). */
  private static ObjectNode stringOnly(String field, ObjectNode clause) {
    ObjectNode bool = JSON.objectNode();
    bool.set("filter", JSON.arrayNode().add(clause));
    bool.set("must_not", JSON.arrayNode().add(leaf("exists", JSON.objectNode().put("field",
        EventMappings.number(field)))));
    return leaf("bool", bool);
  }

  private static ObjectNode numberRange(String field, double from, double to) {
    if (field.equals(FieldNames.MESSAGE)) {
      return leaf("match_none", JSON.objectNode()); // always a string in the canonical form
    }
    ObjectNode range = JSON.objectNode();
    if (from != Double.NEGATIVE_INFINITY) {
      range.put("gte", from);
    }
    if (to != Double.POSITIVE_INFINITY) {
      range.put("lte", to);
    }
    if (range.isEmpty()) {
      return leaf("exists", JSON.objectNode().put("field", EventMappings.number(field)));
    }
    return leaf("range", field(EventMappings.number(field), range));
  }

  private static ObjectNode timeRange(TimeBetween t) {
    return timeRange(t.fromNanos(), t.toNanos());
  }

  /**
   * The events in {@code [fromNanos, toNanos]}, inclusive. {@code date_nanos} holds no time before 1970
   * (such an event is refused when written), so a bound before it is no bound, or nothing.
   */
  static ObjectNode timeRange(long fromNanos, long toNanos) {
    if (fromNanos > toNanos || toNanos < 0) {
      return leaf("match_none", JSON.objectNode());
    }
    ObjectNode range = JSON.objectNode();
    if (fromNanos > 0) {
      range.put("gte", TimeText.iso(fromNanos));
    }
    if (toNanos != Long.MAX_VALUE) {
      range.put("lte", TimeText.iso(toNanos));
    }
    return range.isEmpty() ? leaf("match_all", JSON.objectNode()) : leaf("range", field(FieldNames.TIMESTAMP, range));
  }

  private static ObjectNode levels(LevelIn in) {
    ArrayNode names = JSON.arrayNode();
    for (Level level : in.levels()) {
      names.add(level.name());
    }
    return leaf("terms", field(FieldNames.LEVEL, names));
  }

  private static ObjectNode textRange(TextBetween t) {
    ObjectNode range = JSON.objectNode();
    if (t.lower() != null) {
      range.put(t.includeLower() ? "gte" : "gt", t.lower());
    }
    if (t.upper() != null) {
      range.put(t.includeUpper() ? "lte" : "lt", t.upper());
    }
    return leaf("range", field(termsField(t.field()), range));
  }

  private static ObjectNode pattern(TermPattern p) {
    ObjectNode query = JSON.objectNode().put("value", p.pattern());
    return switch (p.syntax()) {
      case WILDCARD -> leaf("wildcard", field(termsField(p.field()), query));
      case REGEX -> {
        query.put("flags", "ALL");
        if (p.caseInsensitive()) {
          query.put("case_insensitive", true);
        }
        yield leaf("regexp", field(termsField(p.field()), query));
      }
    };
  }

  /**
   * A term-level clause ({@code range}, {@code wildcard}, {@code regexp}) on the terms of a field: the
   * words of a full-text field, the level name, the strings of a value field; the timestamp has none.
   */
  private static ObjectNode onTerms(TypedField field, ObjectNode clause) {
    return switch (field.kind()) {
      case FULL_TEXT, LEVEL -> clause;
      case TIMESTAMP -> leaf("match_none", JSON.objectNode());
      case VALUE -> stringOnly(field.name(), clause);
    };
  }

  private static String termsField(TypedField field) {
    return field.kind() == FieldKind.LEVEL ? FieldNames.LEVEL : field.name();
  }

  private static ObjectNode exists(TypedField field) {
    ArrayNode should = JSON.arrayNode();
    if (field.kind() == FieldKind.FULL_TEXT) {
      should.add(leaf("exists", JSON.objectNode().put("field", field.name())));
    } else {
      should.add(leaf("exists", JSON.objectNode().put("field", EventMappings.number(field.name()))));
      should.add(leaf("term", field(EventMappings.IGNORED, JSON.textNode(EventMappings.ignoredNumber(field.name())))));
    }
    should.add(leaf("exists", JSON.objectNode().put("field", EventMappings.overflow(field.name()))));
    ObjectNode bool = JSON.objectNode();
    bool.set("should", should);
    bool.put("minimum_should_match", 1);
    return leaf("bool", bool);
  }

  static ObjectNode leaf(String kind, JsonNode body) {
    ObjectNode node = JSON.objectNode();
    node.set(kind, body);
    return node;
  }

  private static ObjectNode field(String name, JsonNode value) {
    ObjectNode node = JSON.objectNode();
    node.set(name, value);
    return node;
  }
}

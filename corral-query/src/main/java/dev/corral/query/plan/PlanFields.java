package dev.corral.query.plan;

import dev.corral.query.ast.And;
import dev.corral.query.ast.Exists;
import dev.corral.query.ast.MatchAll;
import dev.corral.query.ast.Not;
import dev.corral.query.ast.Or;
import dev.corral.query.ast.Phrase;
import dev.corral.query.ast.Query;
import dev.corral.query.ast.Range;
import dev.corral.query.ast.Regex;
import dev.corral.query.ast.Term;
import dev.corral.query.ast.Wildcard;
import dev.corral.query.expr.FieldNamesRead;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The event fields a plan reads: the fields named in its filter and, up to the first aggregating
 * pipe, in its pipes, plus the fields the aggregating pipe groups by and aggregates. After an
 * extraction pipe the fields named are extracted ones no stored event has, so only the field the
 * extraction reads counts; after an {@code eval} likewise only the names its expressions read.
 * Conditional aggregates add the fields of their filters. Columns of the
 * table after aggregation are not event fields and are left out. Used to warn about fields no
 * event has ("did you mean …?").
 */
public final class PlanFields {
  private PlanFields() {}

  /** Field names in the order they first appear. */
  public static Set<String> referenced(QueryPlan plan) {
    Set<String> fields = new LinkedHashSet<>();
    collect(plan.filter(), fields);
    for (Pipe pipe : plan.pipes()) {
      switch (pipe) {
        case StatsPipe stats -> {
          fields.addAll(stats.by());
          stats.aggregations().forEach(agg -> addAggregation(agg, fields));
        }
        case TimechartPipe chart -> {
          addIfPresent(chart.by(), fields);
          chart.aggregations().forEach(agg -> addAggregation(agg, fields));
        }
        case WhereExpressionPipe where -> FieldNamesRead.collect(where.condition(), fields);
        case EvalPipe eval -> eval.assignments().forEach(a -> FieldNamesRead.collect(a.expr(), fields));
        case TopPipe top -> fields.add(top.field());
        case SortPipe sort -> sort.keys().forEach(key -> fields.add(key.name()));
        case WherePipe where -> fields.add(where.column());
        case FieldsPipe project -> fields.addAll(project.names());
        case HeadPipe head -> { }
        case ExtractPipe extract -> fields.add(extract.field());
      }
      if (pipe.aggregates() || pipe instanceof FieldsPipe || pipe instanceof ExtractPipe || pipe instanceof EvalPipe) {
        break;
      }
    }
    return fields;
  }

  private static void collect(Query query, Set<String> fields) {
    switch (query) {
      case MatchAll all -> { }
      case And and -> and.clauses().forEach(clause -> collect(clause, fields));
      case Or or -> or.clauses().forEach(clause -> collect(clause, fields));
      case Not not -> collect(not.clause(), fields);
      case Term term -> addIfPresent(term.field(), fields);
      case Phrase phrase -> addIfPresent(phrase.field(), fields);
      case Range range -> fields.add(range.field());
      case Exists exists -> fields.add(exists.field());
      case Wildcard wildcard -> addIfPresent(wildcard.field(), fields);
      case Regex regex -> addIfPresent(regex.field(), fields);
    }
  }

  private static void addAggregation(Aggregation aggregation, Set<String> fields) {
    addIfPresent(aggregation.field(), fields);
    if (aggregation.filter() != null) {
      collect(aggregation.filter(), fields);
    }
  }

  private static void addIfPresent(String field, Set<String> fields) {
    if (field != null) {
      fields.add(field);
    }
  }
}

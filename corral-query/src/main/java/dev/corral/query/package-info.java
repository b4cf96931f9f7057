/**
 * The Corral query language: a Lucene/Kibana-syntax filter parsed by {@link
 * dev.corral.query.QueryParser} into the sealed-record AST of {@link dev.corral.query.ast}, and
 * time expressions ({@code now-15m/d}, ISO-8601, epoch milliseconds) and durations ({@code 15m})
 * read by {@link dev.corral.query.TimeExpression} (a time outside the epoch-nanosecond range is a
 * {@link dev.corral.query.TimeOutOfRangeException}); {@link dev.corral.query.QueryCost} estimates
 * what a filter will cost before it runs. The parser is a lazy {@code Lexer} feeding a
 * recursive-descent {@code FilterParser}; it stops at an unquoted {@code |} so that pipes can be
 * parsed after the filter ({@link dev.corral.query.QueryParser#parseFilter(String)}); {@link
 * dev.corral.query.NearestName} gives "did you mean" hints. Whole queries with pipes are parsed by
 * {@link dev.corral.query.plan.QueryPlanParser}. {@link dev.corral.query.resolve} turns the AST
 * into a typed filter once, and back ends (the Lucene store, the in-memory evaluator of {@link
 * dev.corral.query.eval}) translate that; this module depends on no back end (design.md beside
 * this module's pom). It uses Lucene core only to analyze text and run wildcard/regex automata exactly as the
 * store does, and DataSketches for mergeable percentile and distinct-count sketches.
 */
package dev.corral.query;

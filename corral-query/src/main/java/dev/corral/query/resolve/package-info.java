/**
 * The typed query: {@link dev.corral.query.resolve.FilterResolver} turns a filter AST into a
 * {@link dev.corral.query.resolve.TypedFilter} once — every field's {@link
 * dev.corral.query.resolve.FieldKind} decided, numbers, times, levels and analyzed words read —
 * and every back end translates that tree node for node: the Lucene store ({@code
 * LuceneQueryBuilder}) into a Lucene query, the in-memory evaluator ({@link
 * dev.corral.query.eval}) into a predicate. A new back end (OpenSearch, LogQL) translates the same
 * records; the rules of a clause live here alone.
 *
 * <p>Direction: this package reads the AST ({@link dev.corral.query.ast}), the parser's helpers
 * ({@link dev.corral.query.RangeBounds}, {@link dev.corral.query.TimeExpression}) and the model;
 * the evaluator and the store depend on it, never the reverse.
 */
package dev.corral.query.resolve;

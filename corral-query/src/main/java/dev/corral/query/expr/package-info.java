/**
 * Expressions of {@code | eval} and {@code | where}: the sealed AST ({@link
 * dev.corral.query.expr.Expr}), the functions it may call ({@link dev.corral.query.expr.Function})
 * and its parser ({@link dev.corral.query.expr.ExpressionParser}). What an expression computes is
 * written once, in {@code dev.corral.query.table.ExpressionValues}, and used by both back ends.
 * Imports only the parser's error type.
 */
package dev.corral.query.expr;

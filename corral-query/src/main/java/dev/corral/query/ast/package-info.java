/**
 * The query AST: immutable records, one per construct, all implementing the sealed {@link
 * dev.corral.query.ast.Query}. Values stay as the user typed them (strings); each back end
 * decides how to read them against a field's observed types (number, date, keyword, text).
 */
package dev.corral.query.ast;

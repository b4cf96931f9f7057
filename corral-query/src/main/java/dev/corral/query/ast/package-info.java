/**
 * The query AST: immutable records, one per construct, all implementing the sealed {@link
 * dev.corral.query.ast.Query}. Values stay as the user typed them (strings); {@link
 * dev.corral.query.resolve} reads them once, deciding each field's kind, and every back end
 * translates that typed form.
 */
package dev.corral.query.ast;

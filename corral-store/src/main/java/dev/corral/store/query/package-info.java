/**
 * Translation of the Corral query AST ({@link dev.corral.query.ast}) into Lucene queries over the
 * fields of {@link dev.corral.store.index.FieldMapping}.
 */
package dev.corral.store.query;

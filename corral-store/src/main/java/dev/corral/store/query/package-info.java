/**
 * Translation of the typed filter ({@link dev.corral.query.resolve.TypedFilter}, the query AST
 * resolved once in corral-query) into Lucene queries over the fields of {@link
 * dev.corral.store.index.FieldMapping}, node for node ({@link
 * dev.corral.store.query.LuceneQueryBuilder}).
 */
package dev.corral.store.query;

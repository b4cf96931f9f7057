/**
 * How canonical events become Lucene documents: the field naming rules ({@link
 * dev.corral.store.index.FieldMapping}) and the hot-path document builder ({@link
 * dev.corral.store.index.EventDocumentBuilder}).
 */
package dev.corral.store.index;

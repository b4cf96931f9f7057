/**
 * The Corral query language: a Lucene/Kibana-syntax filter parsed by {@link
 * dev.corral.query.QueryParser} into the sealed-record AST of {@link dev.corral.query.ast}, and
 * time expressions ({@code now-15m}, ISO-8601) used for time bounds. Back ends (the Lucene store,
 * in-memory evaluation) translate the AST; this module depends on no back end.
 */
package dev.corral.query;

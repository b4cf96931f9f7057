/**
 * Processor conditions ({@code if}): a Corral filter matched as the store matches it, or the
 * simple Painless expressions Elasticsearch pipelines use, translated to an equivalent predicate.
 */
package dev.corral.pipeline.condition;

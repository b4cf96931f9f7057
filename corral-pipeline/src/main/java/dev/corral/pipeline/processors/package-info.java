/**
 * The built-in processors, one type per file, with Elasticsearch's names and options where
 * Elasticsearch has the processor; registered by {@link
 * dev.corral.pipeline.processors.BuiltInProcessors}.
 */
package dev.corral.pipeline.processors;

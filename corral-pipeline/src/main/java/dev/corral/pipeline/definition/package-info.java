/**
 * Pipeline definitions as written: Corral's YAML form and Elasticsearch's ingest-pipeline JSON,
 * read by {@link dev.corral.pipeline.definition.DefinitionReader} into one model ({@link
 * dev.corral.pipeline.definition.PipelineDefinition}, {@link
 * dev.corral.pipeline.definition.ProcessorDefinition}) that the engine builds into pipelines.
 */
package dev.corral.pipeline.definition;

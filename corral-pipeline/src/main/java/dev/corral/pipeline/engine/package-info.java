/**
 * Building and running pipelines: the {@link dev.corral.pipeline.engine.ProcessorCatalog} of
 * processor types, a {@link dev.corral.pipeline.engine.PipelineSet} built from definitions (calls
 * between pipelines checked for loops), each {@link dev.corral.pipeline.engine.Pipeline} applying
 * the options every processor takes and the failure semantics, its counters, and {@link
 * dev.corral.pipeline.engine.Simulation}.
 */
package dev.corral.pipeline.engine;

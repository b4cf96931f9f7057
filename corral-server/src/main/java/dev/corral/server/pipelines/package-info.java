/**
 * The processing pipelines in the server: their definitions' directory ({@code pipelines.dir}),
 * read at start and reloaded when a file changes ({@link PipelinesService}); the set of built
 * pipelines swapped whole, so requests in flight finish on the set they started with; the
 * selection of a pipeline for each event of a request ({@link PipelineSelection}, the ingest sink's
 * processing step); and the admin API {@code /api/v1/pipelines}. The pipelines themselves are
 * {@code corral-pipeline}'s.
 */
package dev.corral.server.pipelines;

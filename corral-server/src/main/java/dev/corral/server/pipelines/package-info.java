/**
 * The processing pipelines in the server: their definitions' directory ({@code pipelines.dir}),
 * read at start and reloaded when a file changes ({@link PipelinesService}); the set of built
 * pipelines swapped whole, so requests in flight finish on the set they started with; the
 * selection of a pipeline for each event of a request ({@link PipelineSelection}, the ingest sink's
 * processing step); the admin API {@code /api/v1/pipelines}; each processor's counters on {@code
 * /metrics} ({@link ProcessorMetrics}); the last events of each input for the live preview ({@link
 * RecentEvents}, admin-only {@code /api/v1/inputs/recent}); and the Elasticsearch indices' default
 * pipelines ({@link IndexDefaultPipelines}). The pipelines themselves are {@code corral-pipeline}'s.
 */
package dev.corral.server.pipelines;

/**
 * The pipeline debugger's API: try a definition that is not saved on sample events or raw lines
 * ({@code POST /api/v1/pipelines/_simulate}, every processor's output in order) and see where
 * each capture of a grok expression falls in a text ({@code POST /api/v1/pipelines/_grok}). Both
 * build what they run for the one request from corral-pipeline alone: nothing here touches the
 * stored pipelines, the ingest path or their counters.
 */
package dev.corral.server.pipelines.debug;

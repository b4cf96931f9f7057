/**
 * The pipeline debugger's API: try a definition that is not saved on sample events or raw lines
 * ({@code POST /api/v1/pipelines/_simulate}, every processor's output in order), try a stored
 * pipeline the same way ({@code POST /api/v1/pipelines/{id}/simulate}) and see where each capture
 * of a grok expression falls in a text ({@code POST /api/v1/pipelines/_grok}). What runs is built
 * for the one request: the ad-hoc routes from corral-pipeline alone, the stored-pipeline route from
 * the loaded definitions; nothing here changes the stored pipelines, the ingest path or their counters.
 */
package dev.corral.server.pipelines.debug;

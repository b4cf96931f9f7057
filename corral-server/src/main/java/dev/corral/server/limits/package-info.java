/**
 * Rate limits: token buckets (Bucket4j) kept per name — an API key's id, a service's name — in a
 * bounded table ({@link dev.corral.server.limits.RateBuckets}). The per-key limits of ingest and of
 * reads, and the per-service ingest quotas, are kept in such tables; this package knows neither
 * HTTP nor ingest, only who spends how many tokens at what rate.
 */
package dev.corral.server.limits;

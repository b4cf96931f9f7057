/**
 * Search: query text and time bounds to a store search, with limits, a cost estimate, and two
 * lanes of query threads (normal and expensive) so that costly queries never hold the slots of
 * cheap ones. Every query runs as the request's principal: {@link dev.corral.server.search.ReadScope}
 * ANDs a service-scoped key's read filter into the plan before it runs.
 */
package dev.corral.server.search;

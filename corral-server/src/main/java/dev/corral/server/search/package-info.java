/**
 * Search: query text and time bounds to a store search, with limits, a cost estimate, and two
 * lanes of query threads (normal and expensive) so that costly queries never hold the slots of
 * cheap ones.
 */
package dev.corral.server.search;

/** Search: query text and time bounds to a store search, with limits. */
package dev.corral.server.search;

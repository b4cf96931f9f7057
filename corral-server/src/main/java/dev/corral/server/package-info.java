/**
 * The Corral server's composition root: {@link dev.corral.server.CorralServer} builds the services
 * ({@link dev.corral.server.service.Service}) in dependency order, starts them in that order and
 * stops them in reverse. No other package imports this one.
 */
package dev.corral.server;

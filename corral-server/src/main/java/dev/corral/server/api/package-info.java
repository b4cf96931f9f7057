/**
 * The HTTP API as a service ({@link dev.corral.server.api.HttpService}): serves the routes of every
 * other service, with the connection cap the open-file budget leaves. Apart from the {@code service}
 * contract, so that the contract depends on no configuration.
 */
package dev.corral.server.api;

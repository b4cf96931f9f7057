/**
 * The API keys as a service ({@link dev.corral.server.keys.KeysService}): opens the data
 * directory's keys, tells the HTTP API how to admit requests, and serves the admin API that
 * creates, lists and revokes keys ({@code /api/v1/admin/keys}).
 */
package dev.corral.server.keys;

/**
 * Bounded quotes of what clients sent ({@link dev.corral.server.text.Excerpt}), for error reasons,
 * logs and dead letters; depends on no other server package, so inputs, access control and the
 * HTTP layer share it.
 */
package dev.corral.server.text;

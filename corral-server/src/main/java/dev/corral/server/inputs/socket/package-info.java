/**
 * Plain socket servers the socket inputs (syslog, GELF, Fluent forward) plug into: a TCP listener
 * with one virtual thread per connection, a connection cap and idle timeouts, and a UDP listener
 * with a bounded queue that counts what it drops.
 */
package dev.corral.server.inputs.socket;

/**
 * Reaching an S3-compatible object store: the connection settings and the one place an AWS SDK v2
 * S3 client is built, shared by the archive and the raw backup. Knows no configuration file and no
 * service.
 */
package dev.corral.server.objectstore;

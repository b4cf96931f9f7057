/**
 * Configuration: the table of every setting with its default ({@link
 * dev.corral.server.config.Settings}), resolution from defaults, YAML file, environment and flags
 * ({@link dev.corral.server.config.ConfigLoader}), and the typed, validated {@link
 * dev.corral.server.config.ServerConfig}. No reflection: each key is read by hand.
 */
package dev.corral.server.config;

/** The list of Corral's inputs built from the configuration: the one place that names them all. */
package dev.corral.server.inputs.catalog;

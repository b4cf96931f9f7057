/** GELF over HTTP: {@code POST /gelf}. */
package dev.corral.server.inputs.gelf;

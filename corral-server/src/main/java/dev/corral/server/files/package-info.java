/** Small files the server keeps in its data directory (keys, dashboards), written whole and durably. */
package dev.corral.server.files;

/** The shipper's YAML configuration: one record per section, each read with errors that name the field. */
package dev.corral.ship.config;

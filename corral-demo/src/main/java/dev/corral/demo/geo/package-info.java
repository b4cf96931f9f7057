/**
 * Small GeoIP databases in MaxMind's format, written on the fly, so that the geoip processor can be
 * tested, measured and shown in the demo without downloading or shipping a real database.
 */
package dev.corral.demo.geo;

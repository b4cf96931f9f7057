package dev.corral.server.dashboards;

/**
 * Values from which a panel's cells or number are drawn as a warning or as critical; either may
 * be absent (null). How they apply is the panel's to say (the incident matrix applies them to the
 * ERROR and FATAL counts of a service).
 */
public record Thresholds(Double warning, Double critical) {
  public Thresholds {
    if (warning == null && critical == null) {
      throw new IllegalArgumentException("thresholds need a warning or a critical value");
    }
  }
}

package dev.corral.demo;

/** Level of a simulated event, with the spelling each log library uses. */
enum Severity {
  DEBUG("Debug", "DEBUG", 10_000),
  INFO("Information", "INFO", 20_000),
  WARN("Warning", "WARNING", 30_000),
  ERROR("Error", "ERROR", 40_000);

  private final String dotnetName;
  private final String pythonName;
  private final int logbackValue;

  Severity(String dotnetName, String pythonName, int logbackValue) {
    this.dotnetName = dotnetName;
    this.pythonName = pythonName;
    this.logbackValue = logbackValue;
  }

  /** {@code Information}, {@code Warning}: the key-style services are .NET-flavoured. */
  String dotnetName() {
    return dotnetName;
  }

  /** {@code WARNING} rather than {@code WARN}, as Python's logging module spells it. */
  String pythonName() {
    return pythonName;
  }

  /** logback's {@code level_value}. */
  int logbackValue() {
    return logbackValue;
  }

  /** The level an access log gets for an HTTP status. */
  static Severity ofStatus(int status) {
    return status >= 500 ? ERROR : status >= 400 ? WARN : INFO;
  }
}

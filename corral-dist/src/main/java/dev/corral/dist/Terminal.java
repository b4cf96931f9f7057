package dev.corral.dist;

/** Whether to colour output: {@code always}, {@code never} or {@code auto} (a console and no NO_COLOR). */
final class Terminal {
  private Terminal() {}

  static boolean useColor(String choice) {
    return switch (choice) {
      case "always" -> true;
      case "never" -> false;
      default -> System.console() != null && System.getenv("NO_COLOR") == null;
    };
  }
}

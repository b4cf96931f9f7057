package dev.corral.ship.lines;

/** Takes lines in stream order; may block (back-pressure from the delivery side). */
@FunctionalInterface
public interface LineSink {
  void accept(Line line) throws InterruptedException;
}

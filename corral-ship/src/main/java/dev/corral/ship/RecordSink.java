package dev.corral.ship;

/**
 * Where inputs hand their records: the delivery side's bounded queue. Records of one source arrive in source
 * order. Thread-safe: every input calls it from its own thread.
 */
@FunctionalInterface
public interface RecordSink {
  /**
   * Takes the record, waiting while the delivery side is full: back-pressure reaches the input, which stops
   * reading (a file is left where it is, never dropped).
   *
   * @throws InterruptedException when the shipper is stopping
   */
  void accept(ShipRecord record) throws InterruptedException;
}

/**
 * The running shipper: wires the inputs, the delivery, the spool and the status endpoint in order
 * ({@link dev.corral.ship.run.Shipper}); {@link dev.corral.ship.run.ConfiguredInputs} is the seam to the inputs.
 */
package dev.corral.ship.run;

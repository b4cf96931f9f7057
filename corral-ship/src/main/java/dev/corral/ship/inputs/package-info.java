/**
 * The reading side's configuration and entry point: {@link dev.corral.ship.inputs.InputConfig#listFrom} reads the
 * {@code inputs:} list of {@code ship.yaml}, {@link dev.corral.ship.inputs.Inputs#open} builds the inputs.
 */
package dev.corral.ship.inputs;

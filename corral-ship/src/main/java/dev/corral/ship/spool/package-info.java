/**
 * The shipper's disk spool: batches the output could not take, fsync'd before their sources are acknowledged,
 * sent oldest first when the output is back, bounded by bytes and age with every drop logged and counted.
 */
package dev.corral.ship.spool;

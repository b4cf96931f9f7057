package dev.corral.ship.lines;

import dev.corral.multiline.Decision;

/**
 * The rule deciding, line by line, where the groups of one stream begin and end. One instance per stream (a rule
 * may remember what it saw, as the Python preset does); not thread-safe.
 */
interface LineGrouping {
  Decision decide(String line);
}

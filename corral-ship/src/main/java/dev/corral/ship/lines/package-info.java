/**
 * Bytes to lines: {@link dev.corral.ship.lines.LineReader} splits a stream at {@code \n} with one large buffer,
 * replaces invalid UTF-8 and caps a line's length; {@link dev.corral.ship.lines.MultilineRule} and
 * {@link dev.corral.ship.lines.MultilineJoiner} join stack traces (Java and Python presets, Filebeat's
 * pattern/negate/match) with line, byte and time limits.
 */
package dev.corral.ship.lines;

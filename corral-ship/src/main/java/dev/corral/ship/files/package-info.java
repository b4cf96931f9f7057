/**
 * The {@code files} input (and, with container decoding, the {@code containers} input): glob discovery, tailing
 * through rotation and truncation, files known by device + inode + content fingerprint, a bounded number of open
 * files, and the {@link dev.corral.ship.files.Registry} that persists only acknowledged offsets.
 */
package dev.corral.ship.files;

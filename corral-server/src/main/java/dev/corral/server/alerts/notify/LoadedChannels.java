package dev.corral.server.alerts.notify;

import java.time.Instant;
import java.util.List;

/**
 * What one read of {@code channels.yaml} gave: the channels that are usable and the problems of those refused.
 *
 * @param channels the valid channels, in file order
 * @param problems why each refused channel (or the whole file) was refused
 * @param readable false when the file could not be read or parsed at all (the previous channels stay in use)
 * @param loadedAt when the file was read
 */
record LoadedChannels(List<ChannelConfig> channels, List<ChannelProblem> problems, boolean readable,
    Instant loadedAt) {
  LoadedChannels {
    channels = List.copyOf(channels);
    problems = List.copyOf(problems);
  }
}

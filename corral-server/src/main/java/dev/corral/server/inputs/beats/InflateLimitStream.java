package dev.corral.server.inputs.beats;

import java.io.IOException;
import java.io.InputStream;

/**
 * The inflated bytes of a compressed frame, failing once there are more than {@link BeatsLimits#maxInflatedBytes()}
 * of them: a zip bomb stops there, whatever its ratio, with at most that many bytes ever read. Not thread-safe.
 */
final class InflateLimitStream extends BlockReadStream {
  private final long limit;
  private final long framePosition;
  private long total;

  /** @param framePosition where the compressed frame starts in the connection, for the error */
  InflateLimitStream(InputStream inflated, long limit, long framePosition) {
    super(inflated);
    this.limit = limit;
    this.framePosition = framePosition;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, (int) Math.min(len, limit + 1 - total));
    if (n > 0) {
      total += n;
      if (total > limit) {
        throw new LumberjackException("compressed frame at byte " + framePosition + " inflates to more than "
            + limit + " bytes, the limit of one compressed frame; refused as a zip bomb");
      }
    }
    return n;
  }
}

package dev.corral.ship;

/**
 * One source's progress for {@code corral ship status}.
 *
 * @param id           the source's {@link Source#id()}
 * @param read         the offset read up to (records handed to the sink)
 * @param acknowledged the offset acknowledged (persisted in the registry)
 * @param size         the source's current size in bytes when known (a file), or -1
 * @param open         whether the source is open now (a file handle held)
 */
public record SourceStatus(String id, long read, long acknowledged, long size, boolean open) {
  /** Bytes not yet read, or 0 when the size is unknown. */
  public long lagBytes() {
    return size < 0 ? 0 : Math.max(0, size - read);
  }
}

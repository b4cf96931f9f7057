package dev.corral.server.archive;

/**
 * Test seam: told as an upload reaches each step, so a test can stop the object store or corrupt
 * an object exactly there. Production passes {@link #NONE}.
 */
@FunctionalInterface
public interface UploadSeam {
  UploadSeam NONE = (step, key) -> {};

  /**
   * @param step {@code part} (one part of a multipart upload done; key ends in {@code #N}), {@code
   *     object} (one file uploaded), {@code manifest} (the manifest uploaded, before verification),
   *     {@code merged} (late events merged with the archived copy in the store, before {@code
   *     state.json} says so; key: the copy's generation prefix)
   * @param key the object key under the archive's prefix
   */
  void reached(String step, String key) throws Exception;
}

package dev.corral.bench;

import java.nio.file.Path;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The files {@code <directory>/<prefix><index, 7 digits>.ndjson} for index 0 to {@code size - 1}, as an
 * immutable list whose paths are made on demand: a dataset of 30M events in batches of 1000 is 30,000
 * files, and a list of them need not hold 30,000 paths for the whole run.
 *
 * @param directory where the files are
 * @param prefix the name before the number, e.g. {@code batch-}
 * @param count how many files
 */
public record NumberedFiles(Path directory, String prefix, int count) {
  public NumberedFiles {
    if (count < 0) {
      throw new IllegalArgumentException("count (" + count + ") must be >= 0");
    }
  }

  /** The name of file {@code index}, e.g. {@code batch-0000042.ndjson}. */
  public static String name(String prefix, int index) {
    return String.format("%s%07d.ndjson", prefix, index);
  }

  /** The files as a list; {@link java.util.List#copyOf} of it would hold every path, so keep the view. */
  public java.util.List<Path> asList() {
    return new Paths(this);
  }

  /** Whether {@code list} is a view made by {@link #asList()} (immutable, holding no paths). */
  public static boolean isView(java.util.List<?> list) {
    return list instanceof Paths;
  }

  /** The list view: one path made per {@code get}. */
  private static final class Paths extends AbstractList<Path> implements RandomAccess {
    private final NumberedFiles files;

    private Paths(NumberedFiles files) {
      this.files = files;
    }

    @Override
    public Path get(int index) {
      if (index < 0 || index >= files.count()) {
        throw new IndexOutOfBoundsException("file " + index + " of " + files.count() + " in " + files.directory());
      }
      return files.directory().resolve(name(files.prefix(), index));
    }

    @Override
    public int size() {
      return files.count();
    }
  }
}

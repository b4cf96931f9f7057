package dev.corral.ship.files;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The files an input reads: every regular file matching one of its {@code paths} globs and none of its
 * {@code exclude} globs. Globs are Java's ({@code *} within a name, {@code **} across directories, {@code ?},
 * {@code [abc]}, {@code {a,b}}); a relative glob is resolved against the working directory. An exclude glob
 * without a {@code /} matches the file name ({@code *.gz}), one with a {@code /} the whole path. Each glob is
 * walked from its longest directory prefix without glob characters, only as deep as it reaches. Immutable.
 */
final class GlobSet {
  private final List<Glob> includes;
  private final List<PathMatcher> excludes;

  GlobSet(List<String> paths, List<String> exclude) {
    this.includes = paths.stream().map(Glob::new).toList();
    this.excludes = exclude.stream().map(GlobSet::excludeMatcher).toList();
  }

  /** The matching files now, in walk order without repeats; directories that cannot be read are skipped. */
  Set<Path> matchingFiles() {
    Set<Path> files = new LinkedHashSet<>();
    for (Glob glob : includes) {
      glob.collect(files, excludes);
    }
    return files;
  }

  private static PathMatcher excludeMatcher(String glob) {
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    if (glob.contains("/")) {
      return matcher;
    }
    return path -> path.getFileName() != null && matcher.matches(path.getFileName());
  }

  /** One include glob, split into the directory it is walked from and how deep it reaches. */
  private static final class Glob {
    private final Path base;
    private final int depth;
    private final PathMatcher matcher;

    Glob(String text) {
      Path absolute = Path.of(text).toAbsolutePath().normalize();
      Path fixed = absolute.getRoot();
      int globbed = 0;
      boolean recursive = false;
      for (Path part : absolute) {
        if (globbed == 0 && !hasGlobCharacters(part.toString())) {
          fixed = fixed.resolve(part);
        } else {
          globbed++;
          recursive |= part.toString().contains("**");
        }
      }
      if (globbed == 0) { // a plain path: walk its directory one level
        fixed = absolute.getParent();
        globbed = 1;
      }
      this.base = fixed;
      this.depth = recursive ? Integer.MAX_VALUE : globbed;
      this.matcher = FileSystems.getDefault().getPathMatcher("glob:" + absolute);
    }

    void collect(Set<Path> into, List<PathMatcher> excludes) {
      if (!Files.isDirectory(base)) {
        return;
      }
      try {
        Files.walkFileTree(base, Set.of(), depth, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) {
            if (matcher.matches(path) && excludes.stream().noneMatch(exclude -> exclude.matches(path))) {
              into.add(path);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path path, IOException e) {
            return FileVisitResult.CONTINUE; // vanished or unreadable: the next scan looks again
          }
        });
      } catch (IOException e) {
        // the base directory vanished mid-walk: what was found stands; the next scan looks again
      }
    }

    private static boolean hasGlobCharacters(String part) {
      return part.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }
  }
}

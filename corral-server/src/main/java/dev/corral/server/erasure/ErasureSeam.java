package dev.corral.server.erasure;

import java.time.LocalDate;

/**
 * Test seam: told after each day of an erasure is done and journaled, so a test can kill the server
 * exactly between two days. Production passes {@link #NONE}.
 */
@FunctionalInterface
public interface ErasureSeam {
  ErasureSeam NONE = day -> {};

  void dayDone(LocalDate day) throws Exception;
}

package dev.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.opensearch.node.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogTest {
  @TempDir Path dir;

  @Test
  void peakIsTheLargestOccupancyAfterAnyCollection() throws Exception {
    Path log = dir.resolve("gc.log");
    Files.writeString(log, """
        [0.010s][info][gc] Using G1
        [1.234s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 51M->12M(1024M) 3.456ms
        [2.000s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 700M->301M(1024M) 9.1ms
        [2.100s][info][gc] GC(2) Concurrent Mark Cycle 55.2ms
        [3.000s][info][gc] GC(3) Pause Full (System.gc()) 400M->2048K(1024M) 20.0ms
        [3.500s][info][gc] GC(4) Pause Young (Normal) (G1 Evacuation Pause) 1G->1G(1G) 1.0ms
        not a gc line 999M->998M(1000M)
        """);

    assertThat(GcLog.peakHeapAfterGcBytes(log)).isEqualTo(1L << 30);
  }

  @Test
  void noCollectionsOrNoFileIsUnknown() throws Exception {
    Path log = dir.resolve("gc.log");
    Files.writeString(log, "[0.010s][info][gc] Using G1\n");
    assertThat(GcLog.peakHeapAfterGcBytes(log)).isEqualTo(-1);
    assertThat(GcLog.peakHeapAfterGcBytes(dir.resolve("missing.log"))).isEqualTo(-1);
  }

  @Test
  void aRealChildJvmWritesALogThatParses() throws Exception {
    Path log = dir.resolve("child gc.log");
    List<String> command = new ArrayList<>(List.of(ChildJvm.javaBinary(), "-Xmx64m", ChildJvm.gcLogOption(log),
        "-cp", System.getProperty("java.class.path"), GcLogTest.class.getName() + "$Churn"));
    Process child = new ProcessBuilder(command).inheritIO().start();
    assertThat(child.waitFor()).isZero();
    long peak = GcLog.peakHeapAfterGcBytes(log);
    assertThat(peak).isPositive().isLessThanOrEqualTo(64L << 20);
  }

  /** Allocates, collects, and exits: a child with a GC log to read. */
  public static final class Churn {
    public static void main(String[] args) {
      List<byte[]> kept = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        kept.add(new byte[100_000]);
      }
      System.gc();
      System.out.println("kept " + kept.size());
    }
  }
}

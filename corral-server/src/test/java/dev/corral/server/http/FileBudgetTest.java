package dev.corral.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Finding 3 of issue 12: the HTTP connection cap leaves the store and the socket inputs their descriptors. */
class FileBudgetTest {
  @Test
  void theStoreKeepsHalfAndTheSocketInputsTheirCapsHttpGetsTheRest() {
    FileBudget budget = new FileBudget(20_000, 3 * 1024);
    assertThat(budget.storeFiles()).isEqualTo(10_000);
    assertThat(budget.httpFiles()).isEqualTo(20_000 - 10_000 - 3 * 1024 - FileBudget.RESERVED_FILES);
    assertThat(budget.httpConnections()).isEqualTo((int) budget.httpFiles());
    assertThat(budget.tooLow()).isFalse();
  }

  @Test
  void aSmallLimitStillLeavesTheStoreItsMinimum() {
    FileBudget budget = new FileBudget(256, 0);
    assertThat(budget.storeFiles()).isEqualTo(FileBudget.MIN_STORE_FILES);
    assertThat(budget.httpConnections()).isEqualTo(256 - 128 - (int) FileBudget.RESERVED_FILES);
  }

  @Test
  void aLimitTooLowForTheListenersIsFlaggedAndHttpKeepsAUsableFloor() {
    FileBudget budget = new FileBudget(1024, 3 * 1024);
    assertThat(budget.httpFiles()).isNegative();
    assertThat(budget.tooLow()).isTrue();
    assertThat(budget.httpConnections()).isEqualTo(FileBudget.MIN_HTTP_CONNECTIONS);
    assertThat(budget.describe()).contains("1024").contains("sockets.max_connections").contains("store 512");
  }

  @Test
  void aHugeLimitIsCapped() {
    assertThat(new FileBudget(10_000_000, 0).httpConnections()).isEqualTo(FileBudget.MAX_HTTP_CONNECTIONS);
  }
}

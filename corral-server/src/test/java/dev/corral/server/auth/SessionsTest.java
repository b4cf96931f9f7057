package dev.corral.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.MovableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Server-side sessions on a clock the test moves: idle and absolute expiry, sign-out, bounds. */
class SessionsTest {
  private static final Identity ALICE = new Identity("alice", Role.EDITOR, null, "local");
  private final MovableClock clock = new MovableClock();
  private final Sessions sessions = new Sessions(Duration.ofMinutes(30), Duration.ofHours(8), clock);

  @Test
  void aSessionUnusedForTheIdleTimeoutEndsAndEachUseRestartsIt() {
    Session session = sessions.open(ALICE);
    clock.advance(Duration.ofMinutes(29));
    assertThat(sessions.find(session.id())).isPresent();
    clock.advance(Duration.ofMinutes(29));
    assertThat(sessions.find(session.id())).as("used 29 minutes ago: still live").isPresent();
    clock.advance(Duration.ofMinutes(30));
    assertThat(sessions.find(session.id())).as("unused for 30 minutes").isEmpty();
    assertThat(sessions.size()).isZero();
  }

  @Test
  void aSessionEndsAtItsMaximumAgeHoweverItIsUsed() {
    Session session = sessions.open(ALICE);
    for (int i = 0; i < 15; i++) {
      clock.advance(Duration.ofMinutes(30).minusSeconds(1));
      assertThat(sessions.find(session.id())).isPresent();
    }
    clock.advance(Duration.ofMinutes(30));
    assertThat(sessions.find(session.id())).as("8 h after the sign-in").isEmpty();
  }

  @Test
  void everyOpenMakesNewIdsAndClosedOrUnknownIdsFindNothing() {
    Set<String> ids = new HashSet<>();
    Set<String> tokens = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      Session session = sessions.open(ALICE);
      ids.add(session.id());
      tokens.add(session.csrfToken());
      assertThat(session.id()).hasSize(43).isNotEqualTo(session.csrfToken());
    }
    assertThat(ids).hasSize(10);
    assertThat(tokens).hasSize(10);
    String one = ids.iterator().next();
    assertThat(sessions.close(one)).isPresent();
    assertThat(sessions.find(one)).isEmpty();
    assertThat(sessions.find("never-issued")).isEmpty();
    assertThat(sessions.closeAll("alice")).isEqualTo(9);
  }

  @Test
  void theCsrfTokenMatchesOnlyItself() {
    Session session = sessions.open(ALICE);
    assertThat(Sessions.csrfMatches(session, session.csrfToken())).isTrue();
    assertThat(Sessions.csrfMatches(session, null)).isFalse();
    assertThat(Sessions.csrfMatches(session, "")).isFalse();
    assertThat(Sessions.csrfMatches(session, session.id())).isFalse();
  }

  @Test
  void aUserHoldsAtMostTheBoundAndTheLeastRecentlyUsedGoesFirst() {
    List<Session> opened = new ArrayList<>();
    for (int i = 0; i < Sessions.MAX_PER_USER + 5; i++) {
      opened.add(sessions.open(ALICE));
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(sessions.size()).isEqualTo(Sessions.MAX_PER_USER);
    assertThat(sessions.find(opened.get(0).id())).isEmpty();
    assertThat(sessions.find(opened.get(opened.size() - 1).id())).isPresent();
    Session other = sessions.open(new Identity("bob", Role.VIEWER, null, "local"));
    assertThat(sessions.find(other.id())).as("another user's are not counted against alice's").isPresent();
  }
}

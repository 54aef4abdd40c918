package io.dataexport.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReaderBalanceTest {
  private static NodeReport node(List<String> profiles, String... readers) {
    return new NodeReport(List.of(readers), List.of(), profiles, null, null);
  }

  @Test
  void theShareIsTheWantedReadersOverTheLiveNodesRoundedDownAndUp() {
    assertThat(ReaderBalance.Shares.of(5, 3)).isEqualTo(new ReaderBalance.Shares(1, 2));
    assertThat(ReaderBalance.Shares.of(6, 3)).isEqualTo(new ReaderBalance.Shares(2, 2));
    assertThat(ReaderBalance.Shares.of(2, 3)).isEqualTo(new ReaderBalance.Shares(0, 1));
  }

  @Test
  void aFreeLeaseMayBeTakenUpToTheFloorThenTheShareThenByAnyNode() {
    ReaderBalance balance = new ReaderBalance();
    ReaderBalance.Shares shares = new ReaderBalance.Shares(1, 2);

    assertThat(balance.allowed("reader/p1/a", shares)).isEqualTo(1);
    balance.endTick();
    assertThat(balance.allowed("reader/p1/a", shares)).isEqualTo(2);
    balance.endTick();
    assertThat(balance.allowed("reader/p1/a", shares))
        .as("free for two ticks: nobody below its share took it")
        .isEqualTo(Integer.MAX_VALUE);
    balance.endTick();
    balance.endTick(); // not seen free in a tick: counts again from the start
    assertThat(balance.allowed("reader/p1/a", shares)).isEqualTo(1);
  }

  @Test
  void aReaderGoesToAStarvedNodeThatRunsItsProfile() {
    ReaderBalance.Shares shares = new ReaderBalance.Shares(1, 2);
    List<String> held = List.of("reader/p1/a", "reader/p1/b", "reader/p2/c");

    assertThat(
            ReaderBalance.toHandOver(
                held, shares, List.of(node(List.of("p1", "p2"), "p1/d"), node(List.of("p1")))))
        .as("the starved node runs p1 only")
        .contains("reader/p1/b");
    assertThat(ReaderBalance.toHandOver(held, shares, List.of(node(List.of("p1", "p2")))))
        .as("to a node without readers that runs both profiles")
        .contains("reader/p2/c");
  }

  @Test
  void noReaderIsHandedOverThatNoOtherNodeCouldTake() {
    ReaderBalance.Shares shares = new ReaderBalance.Shares(1, 2);
    List<String> held = List.of("reader/p1/a", "reader/p1/b", "reader/p1/c");

    assertThat(ReaderBalance.toHandOver(held, shares, List.of(node(List.of("p2")))))
        .as("the only other node cannot run p1")
        .isEmpty();
    assertThat(
            ReaderBalance.toHandOver(
                held, shares, List.of(node(List.of("p1"), "p1/d", "p1/e", "p1/f"))))
        .as("the node running p1 holds its share already")
        .isEmpty();
    assertThat(
            ReaderBalance.toHandOver(List.of("reader/p1/a"), shares, List.of(node(List.of("p1")))))
        .as("within the floor")
        .isEmpty();
  }
}

package io.dataexport.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    NodeReport mine = node(List.of("p1", "p2"), "p1/a", "p1/b", "p2/c");

    assertThat(
            toHandOver(
                "n1",
                Map.of(
                    "n1", mine,
                    "n2", node(List.of("p1", "p2"), "p1/d"),
                    "n3", node(List.of("p1")))))
        .as("the starved node runs p1 only")
        .contains("reader/p1/b");
    assertThat(toHandOver("n1", Map.of("n1", mine, "n2", node(List.of("p1", "p2")))))
        .as("to a node without readers that runs both profiles")
        .contains("reader/p2/c");
  }

  @Test
  void noReaderIsHandedOverThatNoOtherNodeCouldTake() {
    NodeReport mine = node(List.of("p1"), "p1/a", "p1/b", "p1/c");

    assertThat(toHandOver("n1", Map.of("n1", mine, "n2", node(List.of("p2")))))
        .as("the only other node cannot run p1")
        .isEmpty();
    assertThat(
            toHandOver("n1", Map.of("n1", mine, "n2", node(List.of("p1"), "p1/d", "p1/e", "p1/f"))))
        .as("the node running p1 holds its share already")
        .isEmpty();
    assertThat(
            toHandOver("n1", Map.of("n1", node(List.of("p1"), "p1/a"), "n2", node(List.of("p1")))))
        .as("within the floor")
        .isEmpty();
  }

  @Test
  void onlyTheFullestNodeThatCouldHandsOneOverToANodeThatJoined() {
    // five readers on two nodes, a third joins: both are above the floor, one hands over
    NodeReport two = node(List.of("p1", "p2"), "p1/lead", "p2/account");
    NodeReport three = node(List.of("p1", "p2"), "p1/account", "p1/contact", "p1/opportunity");
    NodeReport joined = node(List.of("p1"));
    Map<String, NodeReport> cluster = Map.of("n1", two, "n2", three, "n3", joined);

    assertThat(toHandOver("n1", cluster)).as("n2 holds more").isEmpty();
    assertThat(toHandOver("n2", cluster)).contains("reader/p1/opportunity");

    NodeReport otherTwo = node(List.of("p1", "p2"), "p1/account", "p1/contact");
    Map<String, NodeReport> tie = Map.of("n1", two, "n2", otherTwo, "n3", joined);
    assertThat(toHandOver("n2", tie)).as("on a tie the smallest id hands over").isEmpty();
    assertThat(toHandOver("n1", tie)).contains("reader/p1/lead");

    NodeReport cannot = node(List.of("p2"), "p2/a", "p2/b", "p2/c", "p2/d");
    assertThat(toHandOver("n1", Map.of("n1", two, "n2", cannot, "n3", joined)))
        .as("the fullest node has nothing the joined node runs: the next one hands over")
        .contains("reader/p1/lead");
  }

  @Test
  void nothingIsHandedOverWhileAReaderLeaseIsFree() {
    ReaderBalance balance = new ReaderBalance();
    ReaderBalance.Shares shares = new ReaderBalance.Shares(1, 2);
    Map<String, NodeReport> cluster =
        Map.of(
            "n1", node(List.of("p1"), "p1/a", "p1/b", "p1/c"),
            "n2", node(List.of("p1"), "p1/e"),
            "n3", node(List.of("p1")));

    balance.allowed("reader/p1/d", shares); // handed over by n2, say, and not taken yet
    balance.endTick();
    assertThat(balance.toHandOver("n1", shares, cluster)).isEmpty();

    balance.endTick(); // taken: no longer seen free
    assertThat(balance.toHandOver("n1", shares, cluster)).contains("reader/p1/c");
  }

  private static Optional<String> toHandOver(String self, Map<String, NodeReport> nodes) {
    return new ReaderBalance().toHandOver(self, new ReaderBalance.Shares(1, 2), nodes);
  }
}

package io.dataexport.store.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.store.ClusterNode;
import io.dataexport.api.store.ClusterNodes;
import io.dataexport.api.store.ClusterView;
import io.dataexport.api.store.ConfigStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit of {@link ClusterNodes}: heartbeats timed by the store's clock, the view
 * every node reads, a graceful leave and forgetting silent nodes.
 */
abstract class ClusterNodesKit extends StoreKit {
  @Test
  void aHeartbeatInsertsTheNodeAndLaterOnesUpdateItKeepingWhenItStarted()
      throws InterruptedException {
    store.nodes().heartbeat("node-a", "http://a:8080", "{\"readers\":[]}");
    ClusterNode first = store.nodes().view().nodes().getFirst();
    Thread.sleep(20);

    store.nodes().heartbeat("node-a", "http://a:9090", "{\"readers\":[\"p/account\"]}");
    ClusterView view = store.nodes().view();

    assertThat(first.startedAt()).isEqualTo(first.heartbeatAt());
    assertThat(view.nodes()).hasSize(1);
    ClusterNode again = view.nodes().getFirst();
    assertThat(again.id()).isEqualTo("node-a");
    assertThat(again.address()).isEqualTo("http://a:9090");
    assertThat(again.details()).isEqualTo("{\"readers\":[\"p/account\"]}");
    assertThat(again.startedAt()).isEqualTo(first.startedAt());
    assertThat(again.heartbeatAt()).isAfter(first.heartbeatAt());
    assertThat(view.now()).isAfterOrEqualTo(again.heartbeatAt());
  }

  @Test
  void everyStoreOnTheDatabaseSeesEveryNodeById() {
    try (ConfigStore other = fixture.open()) {
      store.nodes().heartbeat("node-b", "http://b", null);
      other.nodes().heartbeat("node-a", null, "{}");
      store.nodes().heartbeat("node-c", "http://c", "{}");

      assertThat(other.nodes().view().nodes())
          .extracting(ClusterNode::id)
          .containsExactly("node-a", "node-b", "node-c");
      ClusterNode a = store.nodes().view().nodes().getFirst();
      assertThat(a.address()).isNull();
      assertThat(a.details()).isEqualTo("{}");
    }
  }

  @Test
  void aNodeThatLeavesIsGoneAndTheOthersStay() {
    store.nodes().heartbeat("node-a", "http://a", "{}");
    store.nodes().heartbeat("node-b", "http://b", "{}");

    store.nodes().leave("node-a");
    store.nodes().leave("never-there");

    assertThat(store.nodes().view().nodes()).extracting(ClusterNode::id).containsExactly("node-b");
  }

  @Test
  void onlyNodesSilentLongerThanAskedAreForgotten() throws InterruptedException {
    store.nodes().heartbeat("silent", "http://s", "{}");
    Thread.sleep(600);
    store.nodes().heartbeat("alive", "http://a", "{}");

    assertThat(store.nodes().forgetSilent(Duration.ofMinutes(5))).isZero();
    assertThat(store.nodes().forgetSilent(Duration.ofMillis(300))).isEqualTo(1);

    assertThat(store.nodes().view().nodes()).extracting(ClusterNode::id).containsExactly("alive");
    assertThat(store.nodes().forgetSilent(Duration.ofDays(365_000))).isZero();
    assertThatThrownBy(() -> store.nodes().forgetSilent(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void detailsUpToTheLimitAreKeptAndLongerOnesRefused() {
    String largest = "\"" + "x".repeat(ClusterNodes.MAX_DETAILS_BYTES - 2) + "\"";
    store.nodes().heartbeat("node-a", "http://a", largest);

    assertThat(store.nodes().view().nodes().getFirst().details()).isEqualTo(largest);
    assertThatThrownBy(() -> store.nodes().heartbeat("node-a", "http://a", largest + " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node-a")
        .hasMessageContaining(Integer.toString(ClusterNodes.MAX_DETAILS_BYTES));
    assertThat(store.nodes().view().nodes().getFirst().details()).isEqualTo(largest);
  }

  @Test
  void destroyRemovesTheNodes() {
    store.nodes().heartbeat("node-a", "http://a", "{}");
    store.destroy();

    store = fixture.open();
    assertThat(store.nodes().view().nodes()).isEmpty();
  }
}

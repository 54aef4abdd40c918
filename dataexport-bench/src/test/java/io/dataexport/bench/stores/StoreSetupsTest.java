package io.dataexport.bench.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.bench.report.Figure;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreSetupsTest {
  private final EmbeddedStores embedded = new EmbeddedStores();
  private final ServiceStores shared = new SharedStores(() -> null);
  private final StoreSetups compared = new StoreSetups(List.of(embedded, shared));

  @Test
  void comparedSetupsTakeTurnsGoingFirst() {
    assertThat(compared.order(1)).containsExactly(embedded, shared);
    assertThat(compared.order(2)).containsExactly(shared, embedded);
    assertThat(compared.order(3)).containsExactly(embedded, shared);
  }

  @Test
  void figuresCarryTheStoresNameOnlyWhenTwoAreCompared() {
    StoreSetups alone = new StoreSetups(List.of(shared));

    assertThat(alone.compared()).isFalse();
    assertThat(alone.label("end to end", shared)).isEqualTo("end to end");
    assertThat(alone.note("kept up in 3 of 3 runs", shared)).isEqualTo("kept up in 3 of 3 runs");
    assertThat(compared.label("end to end", shared)).isEqualTo("end to end, shared stores");
    assertThat(compared.note("kept up in 3 of 3 runs", embedded))
        .isEqualTo("embedded stores: kept up in 3 of 3 runs");
    assertThat(compared.ratioLabel("p99")).isEqualTo("p99, shared / embedded");
  }

  @Test
  void theRatioIsTheSecondOverTheFirstWithinEachRun() {
    List<Map<String, Double>> runs =
        List.of(
            Map.of("embedded", 200.0, "shared", 180.0), Map.of("embedded", 100.0, "shared", 110.0));

    assertThat(compared.ratios(runs, Double::doubleValue)).containsExactly(90.0, 110.0);
  }

  @Test
  void everySetupsFiguresAreNamedForIt() {
    List<Figure> figures =
        compared.each(setup -> List.of(Figure.of("p50", "ms", List.of(1.0, 2.0, 3.0))));

    assertThat(figures)
        .extracting(Figure::name)
        .containsExactly("p50, embedded stores", "p50, shared stores");
    assertThat(figures.get(1).median()).isEqualTo(2.0);
  }

  @Test
  void oneOrTwoSetupsOnly() {
    assertThatThrownBy(() -> new StoreSetups(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("one or two store setups, not 0");
  }

  @Test
  void theEmbeddedStoresNeedNoVariables() {
    try (FreshStores fresh = embedded.open()) {
      assertThat(fresh.environment()).isEmpty();
      assertThat(fresh.config(Path.of("/tmp/x")).store().url())
          .isEqualTo("jdbc:sqlite:/tmp/x/config.sqlite");
    }
  }
}

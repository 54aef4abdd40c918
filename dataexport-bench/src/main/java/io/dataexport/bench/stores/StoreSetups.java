package io.dataexport.bench.stores;

import io.dataexport.bench.report.Figure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The stores a scenario runs the service with: one kind, or two compared side by side ({@code
 * --stores compare}: embedded, then shared). Compared, every run measures both, the first first on
 * odd runs and last on even ones, so that both see the same machine noise and neither always has
 * the warmer caches; the figures carry the stores' names, and the ratio of the second to the first
 * is taken within each run.
 *
 * @param stores one, or two to compare (the baseline first)
 */
public record StoreSetups(List<ServiceStores> stores) {
  /**
   * How far the second setup may fall behind the first: the shared stores' initial sync and latency
   * stay within 10 % of the embedded stores'.
   */
  public static final double TOLERANCE_PERCENT = 10;

  public StoreSetups {
    stores = List.copyOf(stores);
    if (stores.isEmpty() || stores.size() > 2) {
      throw new IllegalArgumentException("one or two store setups, not " + stores.size());
    }
  }

  /** Whether two setups are compared. */
  public boolean compared() {
    return stores.size() == 2;
  }

  /** The baseline: the only setup, or the first of two. */
  public ServiceStores first() {
    return stores.getFirst();
  }

  /** The order run {@code run} (from 1) measures the setups in. */
  public List<ServiceStores> order(int run) {
    return run % 2 == 1 ? stores : stores.reversed();
  }

  /**
   * A figure's name for one setup: as it is when only one runs, with the setup's name when two are
   * compared ({@code end to end, shared stores}).
   */
  public String label(String figure, ServiceStores setup) {
    return compared() ? figure + ", " + setup.name() + " stores" : figure;
  }

  /** A note on one setup: as it is when only one runs, after the setup's name when two are. */
  public String note(String text, ServiceStores setup) {
    return compared() ? setup.name() + " stores: " + text : text;
  }

  /** The name of the ratio of a figure, second setup over first: {@code p99, shared / embedded}. */
  public String ratioLabel(String figure) {
    return figure + ", " + stores.get(1).name() + " / " + stores.get(0).name();
  }

  /**
   * Per run, the second setup's value as a percentage of the first's.
   *
   * @param runs each run's results by setup name
   */
  public <T> List<Double> ratios(List<Map<String, T>> runs, ToDoubleFunction<T> value) {
    List<Double> ratios = new ArrayList<>(runs.size());
    for (Map<String, T> run : runs) {
      double baseline = value.applyAsDouble(run.get(stores.get(0).name()));
      ratios.add(100 * value.applyAsDouble(run.get(stores.get(1).name())) / baseline);
    }
    return ratios;
  }

  /**
   * Every setup's figures, each named for its setup (see {@link #label}).
   *
   * @param figures one setup's figures
   */
  public List<Figure> each(Function<ServiceStores, List<Figure>> figures) {
    List<Figure> all = new ArrayList<>();
    for (ServiceStores setup : stores) {
      for (Figure figure : figures.apply(setup)) {
        all.add(figure.named(label(figure.name(), setup)));
      }
    }
    return all;
  }

  /** The setups in words, for a scenario's description. */
  public String describe() {
    return String.join(
        "; ", stores.stream().map(s -> s.name() + " stores: " + s.description()).toList());
  }
}

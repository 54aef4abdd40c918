package io.dataexport.core.sync;

import io.dataexport.api.store.ConfigStore;

/**
 * What must still hold for a change reader to publish and to save its cursor: in a cluster, the
 * lease on its entity (SPEC §8). A reader that lost its lease — its node paused, or cut off from
 * the store, while another node took the entity over — must not write afterwards: it checks the
 * fence before every publish, and saves its progress through the fence's store, whose writes the
 * store refuses once the lease's token is no longer the current one.
 */
public interface Fence {
  /** A single node's reader: nothing to lose. */
  Fence NONE =
      new Fence() {
        @Override
        public void check() {}

        @Override
        public ConfigStore store(ConfigStore store) {
          return store;
        }
      };

  /**
   * Returns when the reader may still publish.
   *
   * @throws io.dataexport.api.store.LeaseLostException when it may not any more
   */
  void check();

  /** The store the reader saves its cursor and full-read marks to. */
  ConfigStore store(ConfigStore store);
}

package io.dataexport.core.cluster;

import io.dataexport.api.store.StoredProfile;
import io.dataexport.core.sync.ProfileRuntime;
import java.util.Map;
import java.util.Optional;

/** The profiles running on this node, as the {@link ClusterCoordinator} starts and stops them. */
public interface LocalProfiles {
  /**
   * The runtime of an active profile on this node, reconfigured when its document changed since it
   * started. When it does not run yet, its start begins in the background (opening a profile whose
   * source does not answer takes minutes, and the tick must not wait) and the coordinator is woken
   * once it runs.
   *
   * @return empty while it starts, or when it cannot start now (its source or destination refuses;
   *     tried again next tick)
   */
  Optional<ProfileRuntime> ensureRunning(StoredProfile stored);

  /** Stops a profile no longer active here: readers at once, then the writer drains and closes. */
  void stopLocal(String profileId);

  /** The profiles running on this node now, by id. */
  Map<String, ProfileRuntime> running();
}

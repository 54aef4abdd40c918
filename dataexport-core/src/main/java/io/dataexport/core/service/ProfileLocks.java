package io.dataexport.core.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per profile, taken by every lifecycle change of it (activate, deactivate, update,
 * delete, resync, a resume after a restart, a cluster node starting or stopping it), so that
 * changes of one profile never interleave while a slow change of one profile — a start whose source
 * does not answer retries for minutes — holds up no other profile.
 */
final class ProfileLocks {
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  /** Runs {@code change} holding the profile's lock, waiting for it as long as it takes. */
  <T> T under(String profileId, Supplier<T> change) {
    ReentrantLock lock = locks.computeIfAbsent(profileId, id -> new ReentrantLock());
    lock.lock();
    try {
      return change.get();
    } finally {
      lock.unlock();
    }
  }

  /** As {@link #under(String, Supplier)}, for a change that answers nothing. */
  void under(String profileId, Runnable change) {
    under(
        profileId,
        () -> {
          change.run();
          return null;
        });
  }
}

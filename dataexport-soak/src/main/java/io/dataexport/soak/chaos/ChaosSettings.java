package io.dataexport.soak.chaos;

/**
 * What a round's chaos may do; the plan draws the details from the round's seed.
 *
 * @param kills SIGKILLs of the service
 * @param restartEvery a PostgreSQL restart in about one round in this many
 * @param restarts whether PostgreSQL restarts happen at all
 * @param deactivations whether the profile is deactivated and reactivated (once or twice)
 * @param resyncs whether entities are resynced (once or twice)
 */
public record ChaosSettings(
    int kills, int restartEvery, boolean restarts, boolean deactivations, boolean resyncs) {}

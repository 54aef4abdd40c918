package io.dataexport.emulator.throttle;

import io.dataexport.emulator.http.ODataException;
import java.time.Clock;

/** Dataverse service-protection limits, off until a test or the operator switches them on. */
public final class ServiceProtection {

  public ServiceProtection(Clock clock) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Admits one request of a client, or refuses it.
   *
   * @param clientId the authenticated client
   * @return an admission the caller closes when the request has been answered
   * @throws ODataException 429 with {@code Retry-After} and the documented code when a limit is
   *     exceeded
   */
  public Admission admit(String clientId) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** One admitted request; closing it records its execution time and frees its concurrency slot. */
  public interface Admission extends AutoCloseable {
    @Override
    void close();
  }
}

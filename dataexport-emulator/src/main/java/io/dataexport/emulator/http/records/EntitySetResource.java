package io.dataexport.emulator.http.records;

import io.dataexport.emulator.http.ODataResponse;
import io.dataexport.emulator.http.WebApiRequest;
import io.dataexport.emulator.store.OrganisationStore;

/** Entity sets and records: reads with paging and change tracking, creates, updates, deletes. */
public final class EntitySetResource {

  public EntitySetResource(OrganisationStore store, String serviceRoot) {}

  public ODataResponse handle(WebApiRequest request) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}

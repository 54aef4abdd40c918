package io.dataexport.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.api.store.FailedRecord;
import io.dataexport.core.service.FailureLogPage;
import io.dataexport.core.service.ProfileService;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A profile's failure log, {@code GET /profiles/{id}/failures} (SPEC §4: admins list and download
 * failures). Without paging parameters it is the whole log as a download, CSV or JSON, streamed
 * from the store a page at a time so a long log never sits in memory. With {@code limit}, {@code
 * afterId} or {@code entity} it is one page in JSON, shaped like the audit log's pages: {@code
 * entries} (each with its {@code id}), {@code total} and {@code nextAfterId} (null on the last
 * page), which is what the console shows instead of downloading the whole log.
 */
final class FailureLogRoutes {
  static final int DEFAULT_PAGE = 100;
  static final int MAX_PAGE = 1000;
  private static final int DOWNLOAD_PAGE = 1000;
  private static final List<String> PAGING = List.of("limit", "afterId", "entity");

  private final ProfileService profiles;

  FailureLogRoutes(ProfileService profiles) {
    this.profiles = profiles;
  }

  /** {@code GET /profiles/{id}/failures[?format=csv|json][&limit=&afterId=&entity=]}. */
  void failures(Context ctx) {
    String name = ctx.queryParam("format");
    FailureLogFormat format =
        FailureLogFormat.named(name)
            .orElseThrow(
                () ->
                    new RestApi.BadRequest(
                        "format '" + name + "' is not supported; use format=csv or format=json."));
    if (PAGING.stream().noneMatch(parameter -> ctx.queryParam(parameter) != null)) {
      download(ctx, format);
    } else if (format == FailureLogFormat.JSON) {
      page(ctx);
    } else {
      throw new RestApi.BadRequest(
          "format=csv downloads the whole failure log and takes no limit, afterId or entity:"
              + " leave those out to download it, or leave out format=csv to read it a page at a"
              + " time in JSON.");
    }
  }

  private void download(Context ctx, FailureLogFormat format) {
    String id = ctx.pathParam("id");
    // the first page before anything is written: an unknown profile is still a clean 404
    List<FailedRecord> first = profiles.failures(id, 0, DOWNLOAD_PAGE);
    ctx.status(200).contentType(format.contentType());
    ctx.header(
        "Content-Disposition",
        "attachment; filename=\"failures-" + id + "." + format.extension() + "\"");
    try {
      format.write(first, after -> profiles.failures(id, after, DOWNLOAD_PAGE), ctx.outputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void page(Context ctx) {
    long afterId = QueryParams.number(ctx, "afterId", 0, Long.MAX_VALUE, 0);
    int limit = (int) QueryParams.number(ctx, "limit", 1, MAX_PAGE, DEFAULT_PAGE);
    Optional<String> entity = Optional.ofNullable(ctx.queryParam("entity"));
    if (entity.isPresent() && entity.get().isBlank()) {
      throw new RestApi.BadRequest(
          "entity = '"
              + entity.get()
              + "': give an entity's logical name (e.g. account), or leave entity out for the"
              + " failures of every entity.");
    }
    FailureLogPage page = profiles.failurePage(ctx.pathParam("id"), entity, afterId, limit);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode entries = body.putArray("entries");
    for (FailedRecord entry : page.entries()) {
      ObjectNode json = entries.addObject();
      json.put("id", entry.id());
      json.setAll(FailureLogFormat.toJson(entry));
    }
    body.put("total", page.total());
    OptionalLong next = page.nextAfterId();
    if (next.isPresent()) {
      body.put("nextAfterId", next.getAsLong());
    } else {
      body.putNull("nextAfterId");
    }
    RestApi.json(ctx, 200, body);
  }
}

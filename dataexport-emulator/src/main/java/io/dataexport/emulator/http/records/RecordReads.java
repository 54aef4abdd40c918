package io.dataexport.emulator.http.records;

import io.dataexport.emulator.http.ODataException;
import io.dataexport.emulator.http.ODataResponse;
import io.dataexport.emulator.http.Prefer;
import io.dataexport.emulator.http.QueryOptions;
import io.dataexport.emulator.http.WebApiRequest;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.store.EntityTable;
import io.dataexport.emulator.store.OrganisationStore;
import io.dataexport.emulator.store.StoredRecord;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads: a record by id, collections with server-driven paging, and change tracking (the initial
 * read that ends in a delta link, then delta reads of changed rows followed by deletions).
 */
final class RecordReads {
  private static final List<String> REFUSED_WITH_TRACKING =
      List.of("$filter", "$orderby", "$expand", "$top");

  private final OrganisationStore store;
  private final String serviceRoot;
  private final RecordJsonWriter writer;

  RecordReads(OrganisationStore store, String serviceRoot, RecordJsonWriter writer) {
    this.store = store;
    this.serviceRoot = serviceRoot;
    this.writer = writer;
  }

  ODataResponse single(EntityDefinition entity, UUID id, WebApiRequest request) {
    SelectedAttributes selected = SelectedAttributes.resolve(entity, request.query().select());
    StoredRecord record =
        store.table(entity.logicalName()).get(id).orElseThrow(() -> notFound(entity, id));
    String context =
        serviceRoot + "$metadata#" + RecordJsonWriter.contextColumns(entity, selected) + "/$entity";
    return ODataResponse.json(
        200, writer.single(context, entity, selected, request.prefer(), record));
  }

  static ODataException notFound(EntityDefinition entity, UUID id) {
    return ODataException.notFound(entity.logicalName() + " With Id = " + id + " Does Not Exist");
  }

  ODataResponse count(EntityDefinition entity, WebApiRequest request) {
    EntityTable table = store.table(entity.logicalName());
    String token = request.query().get("$deltatoken");
    if (token == null) {
      return ODataResponse.text(Long.toString(table.liveCount()));
    }
    ChangeToken since = validToken(entity, token);
    return ODataResponse.text(
        Long.toString(table.countChanges(since.version(), table.visibleVersion())));
  }

  ODataResponse collection(EntityDefinition entity, WebApiRequest request) {
    QueryOptions query = request.query();
    Prefer prefer = request.prefer();
    SelectedAttributes selected = SelectedAttributes.resolve(entity, query.select());
    int pageSize = prefer.effectivePageSize();
    ODataResponse response;
    if (query.has("$skiptoken")) {
      PageCookie cookie = PageCookie.parse(query.get("$skiptoken"));
      if (cookie.kind() != PageCookie.Kind.PLAIN) {
        refuseWithTracking(query);
      }
      response = continueRead(entity, selected, prefer, cookie, pageSize);
    } else if (query.has("$deltatoken")) {
      refuseWithTracking(query);
      ChangeToken since = validToken(entity, query.get("$deltatoken"));
      EntityTable table = store.table(entity.logicalName());
      long until = table.visibleVersion();
      PageCookie start =
          new PageCookie(
              PageCookie.Kind.DELTA,
              1,
              since.version(),
              now().getEpochSecond(),
              until,
              false,
              since.version());
      response = delta(entity, selected, prefer, start, pageSize);
    } else if (prefer.trackChanges()) {
      requireTracking(entity);
      refuseWithTracking(query);
      long snapshot = store.table(entity.logicalName()).visibleVersion();
      PageCookie start =
          new PageCookie(PageCookie.Kind.INITIAL, 1, snapshot, now().getEpochSecond(), 0, false, 0);
      response = initial(entity, selected, prefer, start, pageSize);
    } else {
      refuseUnsupported(query);
      int top = top(query);
      PageCookie start = new PageCookie(PageCookie.Kind.PLAIN, 1, 0, 0, 0, false, 0);
      response =
          plain(entity, selected, prefer, start, Math.min(pageSize, top), top < Integer.MAX_VALUE);
    }
    String applied = preferenceApplied(prefer, query);
    return applied == null ? response : response.withHeader("Preference-Applied", applied);
  }

  private ODataResponse continueRead(
      EntityDefinition entity,
      SelectedAttributes selected,
      Prefer prefer,
      PageCookie cookie,
      int pageSize) {
    return switch (cookie.kind()) {
      case PLAIN -> plain(entity, selected, prefer, cookie, pageSize, false);
      case INITIAL -> initial(entity, selected, prefer, cookie, pageSize);
      case DELTA -> {
        if (store.expired(Instant.ofEpochSecond(cookie.issued()))) {
          throw ChangeToken.expired();
        }
        yield delta(entity, selected, prefer, cookie, pageSize);
      }
    };
  }

  private ODataResponse plain(
      EntityDefinition entity,
      SelectedAttributes selected,
      Prefer prefer,
      PageCookie cookie,
      int pageSize,
      boolean top) {
    EntityTable.Page page = store.table(entity.logicalName()).scan(cookie.after(), pageSize);
    String next =
        page.next() < 0 || top
            ? null
            : link(entity, selected, "$skiptoken", cookie.next(false, page.next()).text());
    return page(entity, selected, prefer, false, page.records(), List.of(), next, null);
  }

  private ODataResponse initial(
      EntityDefinition entity,
      SelectedAttributes selected,
      Prefer prefer,
      PageCookie cookie,
      int pageSize) {
    EntityTable.Page page = store.table(entity.logicalName()).scan(cookie.after(), pageSize);
    String next = null;
    String deltaLink = null;
    if (page.next() >= 0) {
      next = link(entity, selected, "$skiptoken", cookie.next(false, page.next()).text());
    } else {
      ChangeToken token =
          new ChangeToken(cookie.snapshot(), Instant.ofEpochSecond(cookie.issued()));
      deltaLink = link(entity, selected, "$deltatoken", token.text());
    }
    return page(entity, selected, prefer, false, page.records(), List.of(), next, deltaLink);
  }

  /**
   * Changed rows (version order) then deletions, all in (token, until]; the link then names until.
   */
  private ODataResponse delta(
      EntityDefinition entity,
      SelectedAttributes selected,
      Prefer prefer,
      PageCookie cookie,
      int pageSize) {
    EntityTable table = store.table(entity.logicalName());
    List<StoredRecord> changed = new ArrayList<>();
    List<StoredRecord> deleted = new ArrayList<>();
    PageCookie position = cookie;
    int room = pageSize;
    if (!position.deletions()) {
      EntityTable.Page page =
          table.changes(cookie.snapshot(), cookie.until(), false, position.after(), room);
      changed.addAll(page.records());
      room -= page.records().size();
      position =
          page.next() >= 0 ? cookie.next(false, page.next()) : cookie.next(true, cookie.snapshot());
    }
    if (position.deletions() && room > 0) {
      EntityTable.Page page =
          table.changes(cookie.snapshot(), cookie.until(), true, position.after(), room);
      deleted.addAll(page.records());
      position = page.next() >= 0 ? cookie.next(true, page.next()) : null;
    }
    String next = position == null ? null : link(entity, selected, "$skiptoken", position.text());
    String deltaLink =
        position == null
            ? link(
                entity,
                selected,
                "$deltatoken",
                new ChangeToken(cookie.until(), Instant.ofEpochSecond(cookie.issued())).text())
            : null;
    return page(entity, selected, prefer, true, changed, deleted, next, deltaLink);
  }

  private ODataResponse page(
      EntityDefinition entity,
      SelectedAttributes selected,
      Prefer prefer,
      boolean delta,
      List<StoredRecord> rows,
      List<StoredRecord> deletions,
      String nextLink,
      String deltaLink) {
    String context =
        serviceRoot
            + "$metadata#"
            + RecordJsonWriter.contextColumns(entity, selected)
            + (delta ? "/$delta" : "");
    String deletedContext = serviceRoot + "$metadata#" + entity.entitySetName() + "/$deletedEntity";
    byte[] body =
        writer.collection(
            context,
            deletedContext,
            entity,
            selected,
            prefer,
            rows,
            deletions,
            nextLink,
            deltaLink);
    return ODataResponse.json(200, body);
  }

  private String link(
      EntityDefinition entity, SelectedAttributes selected, String option, String value) {
    StringBuilder link = new StringBuilder(serviceRoot).append(entity.entitySetName()).append('?');
    if (selected.selectText() != null) {
      link.append("$select=").append(encode(selected.selectText())).append('&');
    }
    return link.append(option).append('=').append(encode(value)).toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("%2C", ",");
  }

  private ChangeToken validToken(EntityDefinition entity, String text) {
    requireTracking(entity);
    ChangeToken token = ChangeToken.parse(text, store.currentVersion());
    if (store.expired(token.issuedAt())) {
      throw ChangeToken.expired();
    }
    return token;
  }

  private static void requireTracking(EntityDefinition entity) {
    if (!entity.changeTrackingEnabled()) {
      throw ODataException.badRequest(
          "Change tracking is not enabled for entity '"
              + entity.logicalName()
              + "'. Enable it in the entity's settings (ChangeTrackingEnabled) or read it without"
              + " Prefer: odata.track-changes.");
    }
  }

  private static void refuseWithTracking(QueryOptions query) {
    for (String option : REFUSED_WITH_TRACKING) {
      if (query.has(option)) {
        throw ODataException.badRequest(
            "The \""
                + option
                + "\" query parameter isn't supported when Change Tracking is enabled.");
      }
    }
  }

  private static void refuseUnsupported(QueryOptions query) {
    for (String option : List.of("$filter", "$orderby", "$expand", "$skip", "$apply", "$search")) {
      if (query.has(option)) {
        throw ODataException.badRequest(
            "The emulator does not implement "
                + option
                + " on entity sets; it serves $select, $top,"
                + " paging and change tracking.");
      }
    }
  }

  private static int top(QueryOptions query) {
    if (!query.has("$top")) {
      return Integer.MAX_VALUE;
    }
    try {
      int top = Integer.parseInt(query.get("$top").trim());
      if (top < 0) {
        throw new NumberFormatException();
      }
      return top;
    } catch (NumberFormatException e) {
      throw ODataException.badRequest(
          "$top must be a whole number of 0 or more, was '" + query.get("$top") + "'.");
    }
  }

  /** The preferences honoured, or null when none was asked for. */
  private static String preferenceApplied(Prefer prefer, QueryOptions query) {
    List<String> applied = new ArrayList<>();
    if (prefer.trackChanges() || query.has("$deltatoken")) {
      applied.add("odata.track-changes");
    }
    if (prefer.maxPageSize() != null) {
      applied.add("odata.maxpagesize=" + prefer.effectivePageSize());
    }
    return applied.isEmpty() ? null : String.join(",", applied);
  }

  private Instant now() {
    return store.clock().instant();
  }
}

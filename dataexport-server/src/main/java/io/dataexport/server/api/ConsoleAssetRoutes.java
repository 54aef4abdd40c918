package io.dataexport.server.api;

import io.dataexport.server.console.ConsoleAssets;
import io.javalin.http.Context;
import java.util.List;

/**
 * Serves the web console (SPEC §10) on the API's port: its page at {@code /} and at any other
 * address outside {@code /api/} (so a bookmarked console address loads it), its files under {@code
 * /console/<version>/}. These answers need no credentials: the page signs in through the API, which
 * checks every call. They get a Content-Security-Policy that allows the console's own files and
 * nothing else (no inline script or style, no other origin).
 */
final class ConsoleAssetRoutes {
  static final String POLICY =
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  private static final String FOREVER = "public, max-age=31536000, immutable";

  private final ConsoleAssets assets;

  ConsoleAssetRoutes(ConsoleAssets assets) {
    this.assets = assets;
  }

  /** {@code GET /} and unknown non-API addresses: the page; revalidated on every load. */
  void page(Context ctx) {
    send(ctx, assets.index(), "no-cache");
  }

  /** {@code GET /console/{version}/{file}}: a file of this version, cached for good; else 404. */
  void file(Context ctx) {
    assets
        .file(ctx.pathParam("version"), ctx.pathParam("file"))
        .ifPresentOrElse(
            asset -> send(ctx, asset, FOREVER),
            () ->
                ctx.status(404)
                    .contentType("application/json")
                    .result(
                        new ApiError(
                                404,
                                "notFound",
                                "The console has no file "
                                    + ctx.pathParam("file")
                                    + " in version "
                                    + ctx.pathParam("version")
                                    + "; reload the page at / to get the current one.",
                                List.of())
                            .toJson()
                            .toString()));
  }

  private static void send(Context ctx, ConsoleAssets.Asset asset, String cacheControl) {
    ctx.header("Content-Security-Policy", POLICY);
    ctx.header("Cache-Control", cacheControl);
    ctx.status(200).contentType(asset.contentType()).result(asset.bytes());
  }
}

package io.dataexport.server.api;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class whose tests share one {@link SecuredApi}, started before the first and closed after
 * the last, with the admin key its node printed on its first start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecuredApiTestBase {
  SecuredApi api;
  String admin;

  @BeforeAll
  void startApi(@TempDir Path data) {
    api = new SecuredApi(data);
    admin = api.node.firstKey().orElseThrow().token();
  }

  @AfterAll
  void stopApi() {
    api.close();
  }
}

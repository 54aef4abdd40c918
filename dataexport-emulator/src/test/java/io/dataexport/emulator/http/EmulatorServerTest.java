package io.dataexport.emulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.testing.EmulatorClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the server answers outside the resources: unknown routes and malformed requests. */
class EmulatorServerTest {
  private static DataverseEmulator emulator;

  @BeforeAll
  static void start() {
    emulator = DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(1));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void aMalformedUrlGetsADataverseErrorNotAnHtmlPage() throws IOException {
    String token = new EmulatorClient(emulator).token();

    String reply =
        raw(
            "GET /api/data/v9.2/acc%ZZounts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + token
                + "\r\nConnection: close\r\n\r\n");

    assertThat(reply).startsWith("HTTP/1.1 400");
    assertThat(reply)
        .contains("application/json")
        .contains("{\"error\":{\"code\":")
        .doesNotContain("<h1>");
  }

  @Test
  void aPathOutsideTheWebApiIsNotFoundInTheDataverseFormat() throws IOException {
    String reply =
        raw("GET /api/data/v8.0/accounts HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertThat(reply).startsWith("HTTP/1.1 404");
    assertThat(reply).contains("\"code\":\"0x80040217\"").contains("/api/data/v9.2/");
  }

  private static String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

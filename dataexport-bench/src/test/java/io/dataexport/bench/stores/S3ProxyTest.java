package io.dataexport.bench.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3ProxyTest {

  @Test
  void theJarIsBesideTheHarnessUnlessThePropertyNamesOne() {
    Path target = Path.of("/work/dataexport-bench/target");
    Path expected = target.resolve("s3proxy/s3proxy.jar");

    assertThat(S3Proxy.jar(null, target.resolve("dataexport-bench.jar"))).isEqualTo(expected);
    assertThat(S3Proxy.jar("", target.resolve("classes"))).isEqualTo(expected);
    assertThat(S3Proxy.jar("/opt/s3proxy.jar", target.resolve("classes")))
        .isEqualTo(Path.of("/opt/s3proxy.jar"));
  }

  @Test
  void theBuildPutsTheJarWhereTheHarnessLooks() {
    assertThat(S3Proxy.jar()).isRegularFile();
  }

  @Test
  void aServerThatCannotStartFailsWithItsOutput(@TempDir Path directory) throws Exception {
    Path notAJar = Files.writeString(directory.resolve("s3proxy.jar"), "not a jar");

    assertThatThrownBy(() -> S3Proxy.start(notAJar))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("S3Proxy on http://127.0.0.1:")
        .hasMessageContaining("exited with status 1")
        .hasMessageContaining("Output:\n")
        .hasMessageContaining(notAJar.toString());
  }
}

package io.jenkins.plugins.esperanto.engine.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link HashingOutputStream}: chunk hand-over must neither lose nor reorder bytes. */
class HashingOutputStreamTest {
  private static final int MIB = 1 << 20;

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 511, MIB - 1, MIB, MIB + 1, 5 * MIB + MIB / 2, 9 * MIB})
  void write_anySizeInAnyPieces_givesTheBytesAndTheirSha256(int size) throws Exception {
    byte[] data = new byte[size];
    Random random = new Random(size);
    random.nextBytes(data);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    HashingOutputStream out = new HashingOutputStream(sink);
    int pos = 0;
    while (pos < size) {
      int piece = Math.min(size - pos, 1 + random.nextInt(300_000));
      if (piece == 1) {
        out.write(data[pos]);
      } else {
        out.write(data, pos, piece);
      }
      pos += piece;
    }
    assertThatThrownBy(out::hexDigest).isInstanceOf(IllegalStateException.class);
    out.close();
    out.close();
    assertThat(sink.toByteArray()).isEqualTo(data);
    assertThat(out.count()).isEqualTo(size);
    assertThat(out.hexDigest())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
    assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class);
  }
}

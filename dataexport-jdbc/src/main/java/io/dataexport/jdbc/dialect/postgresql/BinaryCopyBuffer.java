package io.dataexport.jdbc.dialect.postgresql;

import java.util.Arrays;

/** A growable byte buffer for big-endian binary {@code COPY} data. Not thread-safe. */
final class BinaryCopyBuffer {
  private byte[] bytes = new byte[1 << 17];
  private int size;

  int size() {
    return size;
  }

  byte[] array() {
    return bytes;
  }

  void clear() {
    size = 0;
  }

  void writeShort(int value) {
    ensure(2);
    bytes[size++] = (byte) (value >>> 8);
    bytes[size++] = (byte) value;
  }

  void writeInt(int value) {
    ensure(4);
    bytes[size++] = (byte) (value >>> 24);
    bytes[size++] = (byte) (value >>> 16);
    bytes[size++] = (byte) (value >>> 8);
    bytes[size++] = (byte) value;
  }

  void writeLong(long value) {
    writeInt((int) (value >>> 32));
    writeInt((int) value);
  }

  void writeByte(int value) {
    ensure(1);
    bytes[size++] = (byte) value;
  }

  void write(byte[] data) {
    ensure(data.length);
    System.arraycopy(data, 0, bytes, size, data.length);
    size += data.length;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}

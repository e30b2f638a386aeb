package dev.ward.cli;

import dev.ward.codeshield.ScanProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What {@code ward scan} reads, read defensively: only regular files (a device such as
 * {@code /dev/zero}, a FIFO or a socket is never opened, as reading it could block or never end),
 * at most {@link #MAX_BYTES} of each, decoded as strict UTF-8. A file that fails any of these is a
 * {@link ScanProblem} of that file, and the others are still read.
 */
final class ScanInputs {
  /** Bytes read at most per file, per stdin and per JSONL line; the scanner's own limit (4 Mi chars) is lower. */
  static final int MAX_BYTES = 16 << 20;

  /** A file's text, or the problem that kept it from being read. */
  record Text(String text, ScanProblem problem) {
    static Text of(String text) {
      return new Text(text, null);
    }

    static Text failed(ScanProblem.Kind kind, int line, String message) {
      return new Text(null, new ScanProblem(kind, line, message));
    }
  }

  private ScanInputs() {}

  /** The file's text, if it is a regular file of at most {@link #MAX_BYTES} UTF-8 bytes. */
  static Text read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Text.failed(ScanProblem.Kind.UNREADABLE, 1,
          "not a regular file (a folder inside a file list, a device, a FIFO or a socket); not read");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return decode(in.readNBytes(MAX_BYTES + 1), "file");
    } catch (IOException e) {
      return Text.failed(ScanProblem.Kind.UNREADABLE, 1, "cannot read: " + e.getMessage());
    }
  }

  /** Stdin's text, read up to {@link #MAX_BYTES}. */
  static Text read(InputStream stdin) {
    try {
      return decode(stdin.readNBytes(MAX_BYTES + 1), "input");
    } catch (IOException e) {
      return Text.failed(ScanProblem.Kind.UNREADABLE, 1, "cannot read stdin: " + e.getMessage());
    }
  }

  /** Strict UTF-8: the offset and line of the first byte that is not, rather than a replacement character. */
  static Text decode(byte[] bytes, String what) {
    if (bytes.length > MAX_BYTES) {
      return Text.failed(ScanProblem.Kind.TOO_LARGE, 1, what + " is larger than " + (MAX_BYTES >> 20) + " MiB; not read");
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      int line = 1;
      for (int i = 0; i < offset; i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      return Text.failed(ScanProblem.Kind.UNDECODABLE, line, what + " is not UTF-8 text (byte offset " + offset
          + ": 0x" + String.format("%02x", bytes[offset] & 0xff) + "); not scanned");
    }
    return Text.of(out.flip().toString());
  }

  /**
   * The files under {@code root} that {@code wanted} accepts, in path order, skipping hidden
   * folders, {@code node_modules} and {@code target}. Entries that are not regular files (FIFOs,
   * symbolic links to devices or to folders) are returned too, for {@link #read(Path)} to report,
   * and folders that cannot be listed go to {@code unlisted}; symbolic links are not followed.
   */
  static List<Path> walk(Path root, Predicate<String> wanted, List<Path> unlisted) throws IOException {
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        boolean skipped = !dir.equals(root) && (name.startsWith(".") || name.equals("node_modules") || name.equals("target"));
        return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        String name = file.getFileName().toString();
        if (!name.startsWith(".") && wanted.test(name)) {
          files.add(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        unlisted.add(file);
        return FileVisitResult.CONTINUE;
      }
    });
    files.sort(null);
    return files;
  }
}

package dev.ward.guard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident memory, as Linux reports it; -1 where it does not. */
public final class Memory {
  private Memory() {}

  /**
   * Peak resident set in MiB ({@code VmHWM}): the JVM, its heap, and the pages of the mapped
   * model file that were touched.
   */
  public static long peakResidentMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}

package dev.ward.codeshield.report;

import dev.ward.codeshield.ScanResult;

/** One scanned input (a file path, {@code -} for stdin, or a batch id) and its result. */
public record ScannedFile(String path, ScanResult result) {
  public ScannedFile {
    if (path == null || path.isBlank() || result == null) {
      throw new IllegalArgumentException("scanned file needs a path and a result, got path '" + path + "'");
    }
  }
}

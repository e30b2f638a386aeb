package dev.ward.guardrails;

import dev.ward.codeshield.CodeShield;
import dev.ward.codeshield.ScanProblem;
import dev.ward.codeshield.ScanResult;
import dev.ward.codeshield.lang.Language;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Code Shield scans off the caller's thread, and what counts as a scan that did not finish. */
final class CodeScans {
  /** Problems that leave code unscanned (an unsupported fence language leaves nothing out). */
  private static final Set<ScanProblem.Kind> UNSCANNED = EnumSet.of(ScanProblem.Kind.TOO_LARGE,
      ScanProblem.Kind.PARSE_TIMEOUT, ScanProblem.Kind.TOO_MANY_NODES,
      ScanProblem.Kind.SCAN_TIMEOUT, ScanProblem.Kind.RULE_FAILED);

  private static final ExecutorService SCANS = new ThreadPoolExecutor(
      Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors(),
      30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
      Thread.ofPlatform().daemon().name("ward-scan-", 0).factory());

  static {
    ((ThreadPoolExecutor) SCANS).allowCoreThreadTimeOut(true);
  }

  private CodeScans() {}

  static CompletableFuture<ScanResult> markdown(CodeShield shield, String answer) {
    return CompletableFuture.supplyAsync(() -> shield.scanMarkdown(answer), SCANS);
  }

  static CompletableFuture<ScanResult> code(CodeShield shield, String code, Language language) {
    return CompletableFuture.supplyAsync(() -> shield.scan(code, language), SCANS);
  }

  static List<ScanProblem> incompleteProblems(ScanResult result) {
    return result.problems().stream().filter(p -> UNSCANNED.contains(p.kind())).toList();
  }
}

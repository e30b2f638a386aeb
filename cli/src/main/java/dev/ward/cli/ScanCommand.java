package dev.ward.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ward.codeshield.CodeShield;
import dev.ward.codeshield.Finding;
import dev.ward.codeshield.ScanProblem;
import dev.ward.codeshield.ScanResult;
import dev.ward.codeshield.Severity;
import dev.ward.codeshield.Treatment;
import dev.ward.codeshield.TreatmentPolicy;
import dev.ward.codeshield.lang.Language;
import dev.ward.codeshield.report.JsonReport;
import dev.ward.codeshield.report.SarifReport;
import dev.ward.codeshield.report.ScannedFile;
import dev.ward.codeshield.rule.RuleProblem;
import dev.ward.codeshield.rule.RuleSet;
import dev.ward.guardrails.Decision;
import dev.ward.guardrails.GuardrailPolicy;
import dev.ward.taxonomy.Action;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "scan", mixinStandardHelpOptions = true,
    description = {"Find insecure code (Code Shield): source files, folders, Markdown answers, or a JSONL batch.",
        "Exit 0 when everything was checked and nothing is at or above --fail-on, 1 when something is, 2 on a usage "
            + "error, 3 when nothing is but something could not be checked (a limit, a timeout, an unreadable or "
            + "non-UTF-8 file, a bad JSONL line).",
        "With --policy, each input also gets the policy's action, and exit 1 means the policy blocks something."})
final class ScanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--lang", paramLabel = "LANG",
      description = "Language of the input (${COMPLETION-CANDIDATES} or an alias such as c++, js, py). "
          + "Default: from the file extension, else detected.", completionCandidates = LanguageIds.class)
  String language;

  @Option(names = "--markdown", description = "Treat inputs as Markdown answers: scan their fenced code blocks.")
  boolean markdown;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "ADVICE",
      description = "Exit 1 when a finding is at least this severe: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  Severity failOn;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "A guardrails policy file (YAML or JSON, as for guard classify): its codeshield mapping and "
          + "failure actions decide each input's action, reported beside the findings; exit 1 when it blocks.")
  Path policyFile;

  @Option(names = "--jsonl", description = {"Batch mode: read {\"id\", \"language\", \"code\"} per line on stdin, "
      + "print {\"id\", \"treatment\", \"complete\", \"issues\", \"problems\"} per line, or {\"line\", \"id\", "
      + "\"error\"} for a line that is not a valid request. \"language\": \"markdown\" scans an answer; without a "
      + "language it is detected."})
  boolean jsonl;

  @Option(names = "--rules", paramLabel = "PATH", split = ",",
      description = "Rule files or folders to use in addition to the built-in rules.")
  List<Path> extraRules = List.of();

  @Option(names = "--no-builtin-rules", description = "Use only the rules given with --rules.")
  boolean noBuiltIn;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders to scan (folders: by file "
      + "extension), or - for stdin. Only regular files are read, each up to 16 MiB of UTF-8.")
  List<String> paths = List.of();

  enum Format { text, json, sarif }

  private final TreatmentPolicy policy = TreatmentPolicy.DEFAULT;
  private GuardrailPolicy guardrails;

  @Override
  public Integer call() {
    Optional<Language> forced = language == null ? Optional.empty() : Optional.of(parseLanguage(language));
    if (policyFile != null) {
      if (spec.commandLine().getParseResult().hasMatchedOption("--fail-on")) {
        throw new UsageException("--fail-on and --policy both decide the exit code; give one of them");
      }
      guardrails = GuardrailPolicy.load(policyFile);
    }
    if (jsonl && !paths.isEmpty()) {
      throw new UsageException("--jsonl reads stdin; do not give paths (got " + paths + ")");
    }
    if (!jsonl && paths.isEmpty()) {
      throw new UsageException("give at least one PATH (or - for stdin), or use --jsonl");
    }
    CodeShield shield = CodeShield.builder().rules(rules()).treatmentPolicy(policy).build();
    return jsonl ? batch(shield) : scanPaths(shield, forced);
  }

  static Language parseLanguage(String name) {
    try {
      return Language.of(name);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private RuleSet rules() {
    if (noBuiltIn && extraRules.isEmpty()) {
      throw new UsageException("--no-builtin-rules needs --rules PATH");
    }
    RuleSet rules = noBuiltIn ? null : RuleSet.builtIn();
    if (!extraRules.isEmpty()) {
      for (Path p : extraRules) {
        if (!Files.exists(p)) {
          throw new UsageException("rule path does not exist: " + p);
        }
      }
      RuleSet extra;
      try {
        extra = RuleSet.load(extraRules);
      } catch (IOException e) {
        throw new UsageException("cannot read rules: " + e.getMessage());
      }
      rules = rules == null ? extra : rules.plus(extra);
    }
    PrintWriter err = spec.commandLine().getErr();
    for (RuleProblem problem : rules.problems()) {
      err.println("ward scan: warning: " + problem);
    }
    err.flush();
    return rules;
  }

  private int scanPaths(CodeShield shield, Optional<Language> forced) {
    for (String p : paths) {
      if (!p.equals("-") && !Files.exists(Path.of(p))) {
        throw new UsageException("no such file or folder: " + p);
      }
    }
    List<ScannedFile> scanned = new ArrayList<>();
    for (String p : paths) {
      scanned.addAll(scanPath(shield, p, forced));
    }
    print(scanned, shield.rules());
    PrintWriter err = spec.commandLine().getErr();
    if (scanned.isEmpty()) {
      // Nothing checked is not "nothing found".
      err.println("ward scan: no file to scan in " + String.join(", ", paths) + " (folders are scanned by file "
          + "extension; give --lang to scan every file as one language)");
      err.flush();
      return Errors.UNCHECKED;
    }
    for (ScannedFile f : scanned) {
      for (ScanProblem p : f.result().problems()) {
        err.println("ward scan: " + f.path() + ":" + p.line() + ": " + p.message());
      }
    }
    err.flush();
    return exitCode(scanned.stream().map(ScannedFile::result).toList());
  }

  private enum Kind { CODE, MARKDOWN, DETECT }

  /** One path argument: stdin, a file, or every file of a folder that has a language's extension. */
  private List<ScannedFile> scanPath(CodeShield shield, String p, Optional<Language> forced) {
    if (p.equals("-")) {
      return List.of(scan(shield, "-", ScanInputs.read(WardCommand.stdin(spec)), forced));
    }
    Path path = Path.of(p);
    if (!Files.isDirectory(path)) {
      return List.of(scan(shield, p, ScanInputs.read(path), forced));
    }
    List<Path> unlisted = new ArrayList<>();
    List<Path> files;
    try {
      files = ScanInputs.walk(path, name -> forced.isPresent() || (markdown && isMarkdown(name))
          || Language.forFileName(name).isPresent(), unlisted);
    } catch (IOException e) {
      return List.of(unreadable(p, "cannot list the folder: " + e.getMessage()));
    }
    List<ScannedFile> scanned = new ArrayList<>();
    for (Path folder : unlisted) {
      scanned.add(unreadable(folder.toString(), "cannot list or read; skipped"));
    }
    for (Path file : files) {
      scanned.add(scan(shield, file.toString(), ScanInputs.read(file), forced));
    }
    return scanned;
  }

  private ScannedFile unreadable(String name, String message) {
    return notScanned(name, new ScanProblem(ScanProblem.Kind.UNREADABLE, 1, message));
  }

  /** An input that could not be read: no findings, incomplete, treated as the policy says. */
  private ScannedFile notScanned(String name, ScanProblem problem) {
    return new ScannedFile(name, new ScanResult(List.of(), policy.treatmentOf(List.of(), false), List.of(problem), 0));
  }

  private static boolean isMarkdown(String name) {
    return name.endsWith(".md") || name.endsWith(".markdown");
  }

  private ScannedFile scan(CodeShield shield, String name, ScanInputs.Text text, Optional<Language> forced) {
    if (text.problem() != null) {
      return notScanned(name, text.problem());
    }
    if (markdown || (forced.isEmpty() && isMarkdown(name))) {
      return new ScannedFile(name, scan(shield, text.text(), Kind.MARKDOWN, null));
    }
    Optional<Language> lang = forced.or(() -> Language.forFileName(name));
    return new ScannedFile(name, lang.map(l -> scan(shield, text.text(), Kind.CODE, l))
        .orElseGet(() -> scan(shield, text.text(), Kind.DETECT, null)));
  }

  private static ScanResult scan(CodeShield shield, String text, Kind kind, Language language) {
    return switch (kind) {
      case CODE -> shield.scan(text, language);
      case MARKDOWN -> shield.scanMarkdown(text);
      case DETECT -> shield.scanDetected(text);
    };
  }

  /** 1 if anything is flagged (or blocked by the policy), else 3 if anything was not fully checked, else 0. */
  private int exitCode(List<ScanResult> results) {
    if (results.stream().anyMatch(this::flagged)) {
      return 1;
    }
    return results.stream().allMatch(ScanResult::complete) ? 0 : Errors.UNCHECKED;
  }

  private boolean flagged(ScanResult result) {
    if (guardrails != null) {
      return decide(result).blocked();
    }
    return result.findings().stream().anyMatch(f -> f.severity().atLeast(failOn));
  }

  private Decision decide(ScanResult result) {
    return guardrails.decide(result, Duration.ZERO);
  }

  /** The policy's action and reasons for a result, to stand beside its findings. */
  private Map<String, Object> decisionJson(ScanResult result) {
    Decision decision = decide(result);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("action", decision.action().id());
    json.put("reasons", decision.reasons());
    return json;
  }

  private void print(List<ScannedFile> scanned, RuleSet rules) {
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case json -> Json.print(out, jsonReport(scanned), true);
      case sarif -> Json.print(out, SarifReport.build(scanned, rules, version()), true);
      case text -> printText(out, scanned);
    }
    out.flush();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> jsonReport(List<ScannedFile> scanned) {
    Map<String, Object> report = JsonReport.files(scanned);
    if (guardrails == null) {
      return report;
    }
    List<Map<String, Object>> files = (List<Map<String, Object>>) report.get("files");
    for (int i = 0; i < scanned.size(); i++) {
      files.get(i).putAll(decisionJson(scanned.get(i).result()));
    }
    Map<String, Object> withAction = new LinkedHashMap<>();
    withAction.put("action", strictest(scanned).id());
    withAction.putAll(report);
    return withAction;
  }

  private static String version() {
    try {
      return new VersionProvider().getVersion()[0].replaceFirst("^ward ", "");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private void printText(PrintWriter out, List<ScannedFile> scanned) {
    int[] bySeverity = new int[Severity.values().length];
    for (ScannedFile f : scanned) {
      for (Finding finding : f.result().findings()) {
        bySeverity[finding.severity().ordinal()]++;
        out.printf("%s:%d:%d: %s %s (%s) %s%n", f.path(), finding.line(), finding.column(), finding.severity(),
            finding.ruleId(), finding.cwe(), finding.message());
        finding.snippet().lines().forEach(l -> out.println("    " + l));
      }
    }
    int total = bySeverity[0] + bySeverity[1] + bySeverity[2];
    String treatment = scanned.stream().map(f -> f.result().treatment()).reduce(Treatment.IGNORE, Treatment::max).name();
    long incomplete = scanned.stream().filter(f -> !f.result().complete()).count();
    out.printf("%d finding%s (%d error, %d warning, %d advice) in %d input%s%s; treatment %s%n", total,
        total == 1 ? "" : "s", bySeverity[0], bySeverity[1], bySeverity[2], scanned.size(),
        scanned.size() == 1 ? "" : "s", incomplete == 0 ? "" : ", " + incomplete + " not fully checked", treatment);
    if (guardrails != null) {
      for (ScannedFile f : scanned) {
        Decision decision = decide(f.result());
        if (decision.action() != Action.ALLOW) {
          out.printf("%s: %s%n", f.path(), decision.summary());
        }
      }
      out.printf("policy action: %s%n", strictest(scanned).id());
    }
  }

  /** The strictest of the policy's actions over every input. */
  private Action strictest(List<ScannedFile> scanned) {
    return scanned.stream().map(f -> decide(f.result()).action())
        .reduce(Action.ALLOW, Action::strictest);
  }

  /**
   * One JSON object per stdin line in, one per line out. A line that is not a valid request gets
   * {@code {"line", "id" (if it had one), "error"}} and the batch goes on; a line longer than
   * {@link ScanInputs#MAX_BYTES} ends it (what follows is not a line anyone meant).
   */
  private int batch(CodeShield shield) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<ScanResult> results = new ArrayList<>();
    boolean badLine = false;
    LineReader lines = new LineReader(WardCommand.stdin(spec), ScanInputs.MAX_BYTES);
    int number = 0;
    while (true) {
      byte[] raw;
      try {
        raw = lines.next();
      } catch (LineReader.TooLong e) {
        badLine = true;
        error(out, err, number + 1, null, "line is longer than " + (ScanInputs.MAX_BYTES >> 20)
            + " MiB; it and the rest of the input are not read");
        break;
      } catch (IOException e) {
        badLine = true;
        error(out, err, number + 1, null, "cannot read stdin: " + e.getMessage());
        break;
      }
      if (raw == null) {
        break;
      }
      number++;
      ScanInputs.Text text = ScanInputs.decode(raw, "line");
      if (text.problem() != null) {
        badLine = true;
        error(out, err, number, null, text.problem().message());
        continue;
      }
      if (text.text().isBlank()) {
        continue;
      }
      JsonNode id = null;
      try {
        JsonNode request = Json.parse(text.text(), new com.fasterxml.jackson.core.type.TypeReference<JsonNode>() {},
            "a JSON object on line " + number);
        id = request.isObject() ? request.get("id") : null;
        ScanResult result = scanRequest(shield, request);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("id", id == null ? null : Json.MAPPER.treeToValue(id, Object.class));
        response.putAll(JsonReport.result(result));
        if (guardrails != null) {
          response.putAll(decisionJson(result));
        }
        Json.print(out, response, false);
        results.add(result);
      } catch (UsageException | IOException e) {
        badLine = true;
        error(out, err, number, id, e.getMessage());
      }
    }
    out.flush();
    err.flush();
    int code = exitCode(results);
    return code == 0 && badLine ? Errors.UNCHECKED : code;
  }

  private static void error(PrintWriter out, PrintWriter err, int line, JsonNode id, String message) {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("line", line);
    if (id != null) {
      response.put("id", id);
    }
    response.put("error", message);
    Json.print(out, response, false);
    err.println("ward scan: line " + line + ": " + message);
  }

  private ScanResult scanRequest(CodeShield shield, JsonNode request) {
    if (!request.isObject()) {
      throw new UsageException("expected a JSON object, got " + request.getNodeType());
    }
    JsonNode code = request.get("code");
    if (code == null || !code.isTextual()) {
      throw new UsageException("\"code\" must be a string");
    }
    JsonNode lang = request.get("language");
    if (lang == null || lang.isNull() || (lang.isTextual() && lang.asText().isBlank())) {
      return shield.scanDetected(code.asText());
    }
    if (!lang.isTextual()) {
      throw new UsageException("\"language\" must be a string");
    }
    if (lang.asText().toLowerCase(Locale.ROOT).equals("markdown")) {
      return shield.scanMarkdown(code.asText());
    }
    return shield.scan(code.asText(), parseLanguage(lang.asText()));
  }

  static final class LanguageIds implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Stream.of(Language.values()).map(Language::id).iterator();
    }
  }
}

package dev.ward.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ward.codeshield.CodeShield;
import dev.ward.codeshield.Finding;
import dev.ward.codeshield.ScanProblem;
import dev.ward.codeshield.ScanResult;
import dev.ward.codeshield.Severity;
import dev.ward.codeshield.lang.Language;
import dev.ward.codeshield.report.JsonReport;
import dev.ward.codeshield.report.SarifReport;
import dev.ward.codeshield.report.ScannedFile;
import dev.ward.codeshield.rule.RuleProblem;
import dev.ward.codeshield.rule.RuleSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        "Exit 0 when clean, 1 when a finding is at or above --fail-on, 2 on a usage error."})
final class ScanCommand implements Callable<Integer> {
  /** Files bigger than this are not read into memory; the scanner's own limit is lower still. */
  static final long MAX_FILE_BYTES = 16L << 20;

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

  @Option(names = "--jsonl", description = {"Batch mode: read {\"id\", \"language\", \"code\"} per line on stdin, "
      + "print {\"id\", \"treatment\", \"issues\"} per line. \"language\": \"markdown\" scans an answer; "
      + "without a language it is detected."})
  boolean jsonl;

  @Option(names = "--rules", paramLabel = "PATH", split = ",",
      description = "Rule files or folders to use in addition to the built-in rules.")
  List<Path> extraRules = List.of();

  @Option(names = "--no-builtin-rules", description = "Use only the rules given with --rules.")
  boolean noBuiltIn;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders to scan (folders: by file "
      + "extension), or - for stdin.")
  List<String> paths = List.of();

  enum Format { text, json, sarif }

  @Override
  public Integer call() {
    Optional<Language> forced = language == null ? Optional.empty() : Optional.of(parseLanguage(language));
    if (jsonl && !paths.isEmpty()) {
      throw new UsageException("--jsonl reads stdin; do not give paths (got " + paths + ")");
    }
    if (!jsonl && paths.isEmpty()) {
      throw new UsageException("give at least one PATH (or - for stdin), or use --jsonl");
    }
    CodeShield shield = CodeShield.builder().rules(rules()).build();
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
    List<Input> inputs = new ArrayList<>();
    for (String p : paths) {
      inputs.addAll(expand(p, forced));
    }
    List<ScannedFile> scanned = new ArrayList<>();
    for (Input input : inputs) {
      scanned.add(new ScannedFile(input.name, scan(shield, input.text, input.kind, input.language)));
    }
    print(scanned, shield.rules());
    PrintWriter err = spec.commandLine().getErr();
    for (ScannedFile f : scanned) {
      for (ScanProblem p : f.result().problems()) {
        err.println("ward scan: " + f.path() + ":" + p.line() + ": " + p.message());
      }
    }
    err.flush();
    return exitCode(scanned.stream().flatMap(f -> f.result().findings().stream()).toList());
  }

  private enum Kind { CODE, MARKDOWN, DETECT }

  private record Input(String name, String text, Kind kind, Language language) {}

  private List<Input> expand(String p, Optional<Language> forced) {
    if (p.equals("-")) {
      return List.of(input("-", readStdin(), forced));
    }
    Path path = Path.of(p);
    if (!Files.exists(path)) {
      throw new UsageException("no such file or folder: " + p);
    }
    if (Files.isDirectory(path)) {
      List<Input> inputs = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(path)) {
        for (Path file : walk.filter(Files::isRegularFile).filter(f -> !hidden(path, f)).sorted().toList()) {
          String name = file.getFileName().toString();
          boolean isMarkdown = name.endsWith(".md") || name.endsWith(".markdown");
          if (forced.isPresent() || (markdown && isMarkdown) || Language.forFileName(name).isPresent()) {
            inputs.add(input(file.toString(), read(file), forced));
          }
        }
      } catch (IOException e) {
        throw new UsageException("cannot list " + p + ": " + e.getMessage());
      }
      return inputs;
    }
    return List.of(input(p, read(path), forced));
  }

  private static boolean hidden(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      String s = part.toString();
      if (s.startsWith(".") || s.equals("node_modules") || s.equals("target")) {
        return true;
      }
    }
    return false;
  }

  private Input input(String name, String text, Optional<Language> forced) {
    if (markdown || (forced.isEmpty() && (name.endsWith(".md") || name.endsWith(".markdown")))) {
      return new Input(name, text, Kind.MARKDOWN, null);
    }
    Optional<Language> language = forced.or(() -> Language.forFileName(name));
    return language.map(l -> new Input(name, text, Kind.CODE, l)).orElseGet(() -> new Input(name, text, Kind.DETECT, null));
  }

  private static ScanResult scan(CodeShield shield, String text, Kind kind, Language language) {
    return switch (kind) {
      case CODE -> shield.scan(text, language);
      case MARKDOWN -> shield.scanMarkdown(text);
      case DETECT -> shield.scanDetected(text);
    };
  }

  private static String read(Path file) {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new UsageException(file + " is larger than " + (MAX_FILE_BYTES >> 20) + " MiB; not scanned");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new UsageException(file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new UsageException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private String readStdin() {
    try {
      byte[] bytes = WardCommand.stdin(spec).readNBytes((int) MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        throw new UsageException("stdin is larger than " + (MAX_FILE_BYTES >> 20) + " MiB; not scanned");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int exitCode(List<Finding> findings) {
    return findings.stream().anyMatch(f -> f.severity().atLeast(failOn)) ? 1 : 0;
  }

  private void print(List<ScannedFile> scanned, RuleSet rules) {
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case json -> Json.print(out, JsonReport.files(scanned), true);
      case sarif -> Json.print(out, SarifReport.build(scanned, rules, version()), true);
      case text -> printText(out, scanned);
    }
    out.flush();
  }

  private static String version() {
    try {
      return new VersionProvider().getVersion()[0].replaceFirst("^ward ", "");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void printText(PrintWriter out, List<ScannedFile> scanned) {
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
    String treatment = scanned.stream().map(f -> f.result().treatment()).reduce(dev.ward.codeshield.Treatment.IGNORE,
        dev.ward.codeshield.Treatment::max).name();
    out.printf("%d finding%s (%d error, %d warning, %d advice) in %d input%s; treatment %s%n", total,
        total == 1 ? "" : "s", bySeverity[0], bySeverity[1], bySeverity[2], scanned.size(),
        scanned.size() == 1 ? "" : "s", treatment);
  }

  /** One JSON object per stdin line in, one per line out; a bad line gets an error object, the batch goes on. */
  private int batch(CodeShield shield) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Finding> all = new ArrayList<>();
    boolean badLine = false;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(WardCommand.stdin(spec), StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        Map<String, Object> response = new LinkedHashMap<>();
        try {
          JsonNode request = Json.parse(line, new com.fasterxml.jackson.core.type.TypeReference<JsonNode>() {},
              "a JSON object on line " + number);
          JsonNode id = request.get("id");
          response.put("id", id == null ? null : Json.MAPPER.treeToValue(id, Object.class));
          ScanResult result = scanRequest(shield, request, number);
          response.putAll(JsonReport.result(result));
          all.addAll(result.findings());
        } catch (UsageException e) {
          badLine = true;
          response.putIfAbsent("id", null);
          response.put("error", e.getMessage());
          err.println("ward scan: line " + number + ": " + e.getMessage());
        }
        Json.print(out, response, false);
      }
    } catch (IOException e) {
      throw new UsageException("cannot read stdin: " + e.getMessage());
    }
    err.flush();
    return badLine ? Errors.USAGE : exitCode(all);
  }

  private ScanResult scanRequest(CodeShield shield, JsonNode request, int number) throws IOException {
    if (!request.isObject()) {
      throw new UsageException("line " + number + ": expected a JSON object, got " + request.getNodeType());
    }
    JsonNode code = request.get("code");
    if (code == null || !code.isTextual()) {
      throw new UsageException("line " + number + ": \"code\" must be a string");
    }
    JsonNode lang = request.get("language");
    if (lang == null || lang.isNull() || lang.asText().isBlank()) {
      return shield.scanDetected(code.asText());
    }
    if (!lang.isTextual()) {
      throw new UsageException("line " + number + ": \"language\" must be a string");
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

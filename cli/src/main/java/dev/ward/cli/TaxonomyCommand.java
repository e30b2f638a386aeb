package dev.ward.cli;

import dev.ward.taxonomy.CategoryPolicy;
import dev.ward.taxonomy.HazardCategory;
import dev.ward.taxonomy.Taxonomies;
import dev.ward.taxonomy.Taxonomy;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "taxonomy", mixinStandardHelpOptions = true,
    description = "Hazard taxonomies: the built-in ones and custom files.",
    subcommands = TaxonomyCommand.Show.class)
final class TaxonomyCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Print a taxonomy's categories (and its policy, in text form).")
  static final class Show implements Runnable {
    @Spec CommandSpec spec;

    @Option(names = "--taxonomy", paramLabel = "NAME|FILE", defaultValue = Taxonomies.LLAMA_GUARD_2,
        description = "Built-in name (${COMPLETION-CANDIDATES}) or a .yaml/.json file. Default: ${DEFAULT-VALUE}.",
        completionCandidates = BuiltInNames.class)
    String taxonomy;

    @Option(names = "--json", description = "Print JSON: {\"name\", \"categories\": [{\"code\", \"name\", \"description\"}]}.")
    boolean json;

    @Override
    public void run() {
      Taxonomy resolved = Taxonomies.resolve(taxonomy);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Json.print(out, toJson(resolved), true);
        return;
      }
      out.println(resolved.name() + " (" + resolved.categories().size() + " categories)");
      for (HazardCategory category : resolved.categories()) {
        out.printf("%-4s %s%n", category.code(), category.name());
        if (!category.description().isEmpty()) {
          out.println("     " + category.description());
        }
      }
      out.println("policy: default " + describe(resolved.policy().fallback()));
      resolved.policy().sortedPerCategory().forEach((code, policy) ->
          out.println("        " + code + " " + describe(policy)));
      out.flush();
    }

    private static String describe(CategoryPolicy policy) {
      return policy.action().id() + (policy.threshold().isPresent()
          ? " at threshold " + policy.threshold().getAsDouble() : "");
    }

    static Map<String, Object> toJson(Taxonomy taxonomy) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("name", taxonomy.name());
      json.put("categories", taxonomy.categories().stream().map(c -> {
        Map<String, Object> category = new LinkedHashMap<>();
        category.put("code", c.code().value());
        category.put("name", c.name());
        category.put("description", c.description());
        return category;
      }).toList());
      return json;
    }
  }

  static final class BuiltInNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.copyOf(Taxonomies.builtInNames()).iterator();
    }
  }
}

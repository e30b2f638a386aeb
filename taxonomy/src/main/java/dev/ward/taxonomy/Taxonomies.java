package dev.ward.taxonomy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The way in to taxonomies: built-in ones by name, custom ones from a YAML or JSON file.
 *
 * <ul>
 *   <li>{@code llama-guard-2}: the MLCommons AI Safety v0.5 categories as Llama Guard 2 uses them,
 *       S1 Violent Crimes ... S11 Sexual Content.
 *   <li>{@code llama-guard-3}: Llama Guard 3's fourteen categories; adds Defamation at S5 and
 *       renumbers the rest, then Elections (S13) and Code Interpreter Abuse (S14).
 * </ul>
 */
public final class Taxonomies {
  public static final String LLAMA_GUARD_2 = "llama-guard-2";
  public static final String LLAMA_GUARD_3 = "llama-guard-3";
  private static final List<String> BUILT_IN = List.of(LLAMA_GUARD_2, LLAMA_GUARD_3);
  private static final Map<String, Taxonomy> LOADED = new ConcurrentHashMap<>();

  private Taxonomies() {}

  public static List<String> builtInNames() {
    return BUILT_IN;
  }

  /** A built-in taxonomy; throws {@link TaxonomyException} naming the known ones otherwise. */
  public static Taxonomy named(String name) {
    String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    if (!BUILT_IN.contains(key)) {
      throw TaxonomyException.unknownName(name, BUILT_IN);
    }
    return LOADED.computeIfAbsent(key, Taxonomies::loadBuiltIn);
  }

  /** A custom taxonomy from a file; see {@link TaxonomyDocument} for its shape. */
  public static Taxonomy load(Path file) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new TaxonomyException(file.toString(), 0, null, "no such file");
    } catch (IOException e) {
      throw new TaxonomyException(file.toString(), 0, null, "cannot read: " + e.getMessage());
    }
    return TaxonomyReader.read(file.toString(), content, Taxonomies::named);
  }

  /** A built-in name, or else the path of a taxonomy file. */
  public static Taxonomy resolve(String nameOrFile) {
    String key = nameOrFile.strip().toLowerCase(Locale.ROOT);
    if (BUILT_IN.contains(key)) {
      return named(key);
    }
    if (key.endsWith(".yaml") || key.endsWith(".yml") || key.endsWith(".json")
        || nameOrFile.contains("/") || Files.exists(Path.of(nameOrFile))) {
      return load(Path.of(nameOrFile));
    }
    throw TaxonomyException.unknownName(nameOrFile, BUILT_IN);
  }

  private static Taxonomy loadBuiltIn(String name) {
    String resource = name + ".yaml";
    try (InputStream in = Taxonomies.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in taxonomy resource missing: " + resource);
      }
      return TaxonomyReader.read(resource, in.readAllBytes(), Taxonomies::named);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

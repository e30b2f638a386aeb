package dev.ward.codeshield.bench;

/**
 * One CyberSecEval insecure-code test case: the code an LLM was prompted with, its language and
 * the weakness the reference detector found in it.
 */
public record Sample(String language, String cwe, String code, String description) {
  public Sample {
    if (language == null || language.isBlank() || cwe == null || !cwe.startsWith("CWE-") || code == null) {
      throw new IllegalArgumentException("sample needs a language, a CWE-n identifier and code; got language="
          + language + ", cwe=" + cwe);
    }
    description = description == null ? "" : description;
  }
}

package dev.ward.proxy.server;

import dev.ward.codeshield.CodeShield;
import dev.ward.guard.gguf.GgufFile;
import dev.ward.guard.llamaguard.LlamaGuard;
import dev.ward.guard.llamaguard.PromptFormat;
import dev.ward.guard.tokenizer.Tokenizer;
import dev.ward.guardrails.Guard;
import dev.ward.guardrails.Guardrails;
import dev.ward.guardrails.RemoteGuard;
import dev.ward.proxy.config.GuardBackend;
import dev.ward.proxy.config.ProxyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The guard and the scanner the proxy's routes share, loaded once: one {@link Guardrails} over
 * them, from which each route takes its own with {@code withPolicy}.
 *
 * @param guard the guard, or null for none
 * @param codeShield the scanner, or null for none
 * @param owned whether closing these backends closes the guard
 */
record Backends(Guard guard, CodeShield codeShield, boolean owned, ProxyConfig config) {

  /** Loads what the configuration names; slow (a model file, grammars and rules). */
  static Backends load(ProxyConfig config, Guard givenGuard, CodeShield givenShield) {
    Guard guard = givenGuard != null ? givenGuard : guard(config);
    try {
      CodeShield shield = givenShield != null ? givenShield
          : config.codeShield() ? CodeShield.create() : null;
      return new Backends(guard, shield, givenGuard == null, config);
    } catch (RuntimeException e) {
      if (givenGuard == null && guard != null) {
        guard.close();
      }
      throw e;
    }
  }

  private static Guard guard(ProxyConfig config) {
    return switch (config.guard()) {
      case GuardBackend.None none -> null;
      case GuardBackend.Local local -> {
        LlamaGuard.Options.Builder options = LlamaGuard.Options.builder()
            .threshold(local.threshold()).threads(local.threads()).queueCapacity(local.queue())
            .timeout(config.limits().checkTimeout());
        local.format().map(PromptFormat::named).ifPresent(options::format);
        yield Guard.load(local.model(), options.build());
      }
      case GuardBackend.Remote remote -> {
        RemoteGuard.Builder builder = Guard.remote(remote.url())
            .format(PromptFormat.named(remote.format()))
            .timeout(remote.timeout()).maxConcurrency(remote.maxConcurrency())
            .categoryThreshold(remote.threshold());
        remote.model().ifPresent(builder::model);
        remote.apiKey().ifPresent(builder::apiKey);
        remote.tokenizer().map(Backends::tokenizer).ifPresent(builder::tokenizer);
        yield builder.build();
      }
    };
  }

  private static Tokenizer tokenizer(Path file) {
    if (file.getFileName().toString().endsWith(".gguf")) {
      try (GgufFile gguf = GgufFile.open(file)) {
        return Tokenizer.fromGguf(gguf);
      }
    }
    try {
      return Tokenizer.fromTiktoken(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the tokenizer " + file + ": " + e.getMessage(), e);
    }
  }

  /** The shared guardrails, or null when there is nothing to check with. */
  Guardrails guardrails() {
    if (guard == null && codeShield == null) {
      return null;
    }
    Guardrails.Builder builder = Guardrails.builder().policy(config.defaultPolicy())
        .timeout(config.limits().checkTimeout());
    if (guard != null) {
      builder.guard(guard);
    }
    if (codeShield != null) {
      builder.codeShield(codeShield);
    }
    return builder.build();
  }

  void close() {
    if (owned && guard != null) {
      guard.close();
    }
  }
}

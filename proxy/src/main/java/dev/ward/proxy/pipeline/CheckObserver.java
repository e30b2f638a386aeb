package dev.ward.proxy.pipeline;

import dev.ward.guardrails.Decision;

/** Told about every check a stage runs, for metrics. Called on event loops; must not block. */
public interface CheckObserver {
  CheckObserver NONE = new CheckObserver() {
    @Override
    public void checked(String route, String kind, String parts, Decision decision) {}

    @Override
    public void rejected(String route) {}
  };

  /**
   * A check ended.
   *
   * @param kind {@code input}, {@code output}, {@code stream} (a window) or {@code endpoint}
   * @param parts what ran: {@code guard}, {@code codeshield} or {@code guard+codeshield}
   */
  void checked(String route, String kind, String parts, Decision decision);

  /** A check was refused for want of capacity (answered 429). */
  void rejected(String route);
}

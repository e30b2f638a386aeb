package dev.ward.proxy.server;

import dev.ward.guardrails.Guardrails;
import dev.ward.proxy.config.RouteConfig;
import dev.ward.proxy.pipeline.CheckObserver;
import dev.ward.proxy.pipeline.CheckPermits;
import dev.ward.proxy.pipeline.InputCheck;
import dev.ward.proxy.pipeline.OutputCheck;
import dev.ward.proxy.pipeline.Pipeline;
import dev.ward.proxy.pipeline.Stage;
import dev.ward.proxy.pipeline.Upstream;
import dev.ward.proxy.pipeline.UpstreamCall;
import io.vertx.core.http.HttpClient;
import java.util.ArrayList;
import java.util.List;

/**
 * A configured route made runnable: its guardrails (the shared guard and scanner under the
 * route's policy) and its pipeline, with only the stages its policy needs. A route whose policy
 * checks nothing is a plain forward.
 */
record Route(RouteConfig config, Pipeline pipeline) {

  static Route build(RouteConfig config, Guardrails shared, HttpClient client, Upstream upstream,
      CheckPermits permits, CheckObserver observer, int retryAfterSeconds) {
    List<Stage> stages = new ArrayList<>();
    boolean readsAnswer = false;
    if (shared != null) {
      Guardrails rails;
      try {
        rails = shared.withPolicy(config.policy());
      } catch (IllegalStateException e) {
        throw new IllegalStateException("route '" + config.name() + "': " + e.getMessage(), e);
      }
      var checks = config.policy().checks();
      if (rails.guard().isPresent() && checks.input()) {
        stages.add(new InputCheck(rails, config.inputMode(), config.shadow(), permits, observer,
            retryAfterSeconds));
      }
      if (rails.guard().isPresent() && checks.output()
          || rails.codeShield().isPresent() && checks.code()) {
        stages.add(new OutputCheck(rails, config.shadow(), config.streaming(), permits, observer));
        readsAnswer = true;
      }
    }
    stages.add(new UpstreamCall(client, upstream, readsAnswer));
    return new Route(config, Pipeline.of(stages.toArray(Stage[]::new)));
  }

  String name() {
    return config.name();
  }
}

package dev.ward.cli;

import dev.ward.modelserver.ModelServer;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve-model", mixinStandardHelpOptions = true,
    description = {"Serve a GGUF model over the OpenAI API from Ward's engine, until interrupted.",
        "Endpoints: /v1/chat/completions (plain and streamed), /v1/completions (with logprobs, "
            + "so it can back a remote guard), /v1/models. Concurrent requests are batched."})
final class ServeModelCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin ModelOptions model;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for all).")
  String host;

  @Option(names = "--port", paramLabel = "P", defaultValue = "8000",
      description = "Port to listen on; 0 for any free one (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--name", paramLabel = "NAME",
      description = "The model name clients use (default: the file's name).")
  String name;

  @Option(names = "--max-batch", paramLabel = "N", defaultValue = "16",
      description = "Requests generated together in one pass (default ${DEFAULT-VALUE}).")
  int maxBatch;

  @Option(names = "--queue", paramLabel = "N", defaultValue = "256",
      description = "Requests that may wait for a slot; more get 429 (default ${DEFAULT-VALUE}).")
  int queue;

  @Option(names = "--default-max-tokens", paramLabel = "N", defaultValue = "1024",
      description = "Answer length when a request sets none (default ${DEFAULT-VALUE}).")
  int defaultMaxTokens;

  @Override
  public void run() {
    ModelServer.Options options;
    try {
      options = ModelServer.Options.builder(model.model).host(host).port(port)
          .threads(model.threads()).maxBatch(maxBatch).queueCapacity(queue)
          .defaultMaxTokens(defaultMaxTokens).modelName(name).build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    ModelServer server = ModelServer.start(options);
    Thread hook = new Thread(server::close, "ward-serve-model-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    PrintWriter err = spec.commandLine().getErr();
    err.println("serving " + server.modelName() + " at " + server.baseUrl() + "/v1 (chat template: "
        + server.chatTemplate() + "); Ctrl-C stops");
    err.flush();
    try {
      server.awaitClose();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.close();
    }
  }
}

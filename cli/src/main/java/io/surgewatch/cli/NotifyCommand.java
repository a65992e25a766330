package io.surgewatch.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Set;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.notifier.NotifierService;

/** Runs the notifier service against the Kafka in the config until stopped (SIGTERM or Ctrl-C). */
final class NotifyCommand implements Command {
    @Override
    public String summary() {
        return "run the notifier: alerts to email, webhooks and Alertmanager, with grouping and silences";
    }

    @Override
    public String usage() {
        return "--config FILE";
    }

    @Override
    public Set<String> flags() {
        return Set.of("config");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        SurgewatchConfig config = SurgewatchConfig.load(args.requiredPath("config"));
        try (NotifierService notifier = new NotifierService(config, Clock.systemUTC())) {
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                notifier.stop();
                try {
                    main.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "notifier-shutdown"));
            notifier.run();
            return 0;
        } catch (RuntimeException e) {
            err.println("surgewatch notify: " + e.getMessage());
            return 1;
        }
    }
}

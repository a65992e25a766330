package io.surgewatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.sites.SiteRegistry;
import io.surgewatch.sites.SiteService;

/**
 * {@code sites serve --config FILE}: the testing-site service and its status page, until stopped.
 * {@code sites check [alert-rules/sites.yaml]}: validates the registry and its CSV files.
 */
final class SitesCommand implements Command {
    @Override
    public String summary() {
        return "serve the testing-site fallback (messages, acknowledgements, status page), or check the site registry";
    }

    @Override
    public String usage() {
        return "serve --config FILE | check [alert-rules/sites.yaml]";
    }

    @Override
    public Set<String> flags() {
        return Set.of("config");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        List<String> p = args.positional();
        if (p.isEmpty() || !Set.of("serve", "check").contains(p.get(0))) {
            throw new Args.UsageException("say serve or check");
        }
        if (p.get(0).equals("check")) {
            SiteRegistry r = SiteRegistry.load(Path.of(p.size() > 1 ? p.get(1) : "alert-rules/sites.yaml"));
            out.printf("ok: %d testing sites in %d districts %s%n", r.sites().size(), r.districts().size(), r.districts().keySet());
            return 0;
        }
        SurgewatchConfig config = SurgewatchConfig.load(args.requiredPath("config"));
        try {
            config.sites().requireSecret();
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        try (SiteService service = new SiteService(config, Clock.systemUTC())) {
            out.printf("status page: http://%s/ (links in messages: %s)%n", config.sites().listen(), config.sites().publicUrl());
            Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "sites-shutdown"));
            service.run();
            return 0;
        } catch (RuntimeException e) {
            err.println("surgewatch sites: " + e.getMessage());
            return 1;
        }
    }
}

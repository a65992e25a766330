package io.surgewatch.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.surgewatch.config.Durations;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.notifier.Silence;
import io.surgewatch.notifier.Silences;

/**
 * {@code silence add --matcher service=healthcode [more matchers] --for 2h --comment TEXT --by NAME},
 * {@code silence list}, {@code silence expire ID}; all with {@code --config FILE}. Silences live on
 * the silences topic, so the running notifier applies them at once and they survive restarts.
 */
final class SilenceCommand implements Command {
    @Override
    public String summary() {
        return "add, list or expire silences (durable, applied by the running notifier)";
    }

    @Override
    public String usage() {
        return "add --matcher NAME=VALUE [NAME=~REGEX ...] --for 2h --comment TEXT --by NAME --config FILE | list --config FILE | expire ID --config FILE";
    }

    @Override
    public Set<String> flags() {
        return Set.of("matcher", "for", "comment", "by", "config");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        List<String> p = args.positional();
        if (p.isEmpty()) {
            throw new Args.UsageException("say add, list or expire");
        }
        SurgewatchConfig config = SurgewatchConfig.load(args.requiredPath("config"));
        Silences silences = new Silences(config, Clock.systemUTC());
        try {
            switch (p.get(0)) {
                case "add" -> {
                    List<String> matchers = new ArrayList<>();
                    if (args.flag("matcher", null) != null) {
                        matchers.add(args.flag("matcher", null));
                    }
                    matchers.addAll(p.subList(1, p.size()));
                    String comment = args.flag("comment", null);
                    String by = args.flag("by", null);
                    String duration = args.flag("for", null);
                    if (matchers.isEmpty() || comment == null || by == null || duration == null) {
                        throw new Args.UsageException("add needs --matcher, --for, --comment and --by: a silence says who muted what, and why");
                    }
                    Duration d;
                    try {
                        d = Durations.parse(duration);
                    } catch (IllegalArgumentException e) {
                        throw new Args.UsageException("--for: " + e.getMessage());
                    }
                    Silence s;
                    try {
                        s = silences.add(matchers, d, by, comment);
                    } catch (IllegalArgumentException e) {
                        throw new Args.UsageException(e.getMessage());
                    }
                    out.printf("silence %s: %s until %s (%s, by %s)%n", s.id(), s.matchers(), s.endsAt(), s.comment(), s.createdBy());
                }
                case "list" -> {
                    var now = Clock.systemUTC().instant();
                    for (Silence s : silences.all().values()) {
                        out.printf("%s  %-7s %s  until %s  by %s: %s%n", s.id(), s.isActive(now) ? "active" : "expired", s.matchers(), s.endsAt(),
                                s.createdBy(), s.comment());
                    }
                }
                case "expire" -> {
                    if (p.size() != 2) {
                        throw new Args.UsageException("expire needs the silence id");
                    }
                    Silence s = silences.expire(p.get(1));
                    out.printf("silence %s expired at %s%n", s.id(), s.endsAt());
                }
                default -> throw new Args.UsageException("say add, list or expire, not " + p.get(0));
            }
            return 0;
        } catch (Args.UsageException e) {
            throw e;
        } catch (Exception e) {
            err.println("surgewatch silence: " + e.getMessage());
            return 1;
        }
    }
}

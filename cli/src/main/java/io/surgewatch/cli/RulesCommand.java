package io.surgewatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.surgewatch.config.StrictYaml;
import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.config.rules.RuleSet;
import io.surgewatch.cli.rules.RuleTestFile;
import io.surgewatch.cli.rules.RuleTestRunner;

/**
 * {@code rules check DIR} validates every rule file, the capacity model and the rule test files;
 * {@code rules test DIR} runs the rule tests through the detect job; {@code rules apply DIR} switches the
 * running detect job to them ({@link RulesApply}). A bad file fails with its line.
 */
final class RulesCommand implements Command {
    @Override
    public String summary() {
        return "check the alert rules of a directory, run their tests through the detect job, or apply them to the running job";
    }

    @Override
    public String usage() {
        return "check|test [alert-rules] | apply DIR --jobmanager HOST:PORT --config FILE [--capacity FILE] [--parallelism N] [--job ID]"
                + " [--jar FILE] [--timeout 2m] [--dry-run]";
    }

    @Override
    public Set<String> flags() {
        return RulesApply.FLAGS;
    }

    @Override
    public Set<String> switches() {
        return RulesApply.SWITCHES;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        List<String> p = args.positional();
        if (p.size() == 2 && p.get(0).equals("apply")) {
            return RulesApply.run(Path.of(p.get(1)), args, out, err);
        }
        if (p.isEmpty() || !Set.of("check", "test").contains(p.get(0)) || p.size() > 2) {
            throw new Args.UsageException("say check, test or apply, then the directory");
        }
        RuleSet rules = RuleSet.load(Path.of(p.size() == 2 ? p.get(1) : "alert-rules"));
        int tests = 0;
        for (Path file : rules.testFiles()) {
            tests += StrictYaml.load(file, RuleTestFile.class).tests().size();
        }
        if (p.get(0).equals("check")) {
            for (RuleDefinition r : rules.rules()) {
                out.printf("  %-50s for %s, keep firing for %s%n", r.id(), io.surgewatch.config.Durations.format(r.pending()),
                        r.keepFiringFor() == null ? "the detector's default" : io.surgewatch.config.Durations.format(r.keepFiringFor()));
            }
            out.printf("ok: %d rules in %d files, %s, %d rule tests in %d files%n", rules.rules().size(), rules.ruleFiles().size(),
                    rules.capacity() == null ? "no capacity model" : "capacity model " + rules.capacity().services(), tests,
                    rules.testFiles().size());
            return 0;
        }
        if (tests == 0) {
            err.println("surgewatch rules test: no rule tests (*.yaml with a top-level 'tests:') found");
            return 1;
        }
        return test(rules, out, err);
    }

    private static int test(RuleSet rules, PrintStream out, PrintStream err) {
        try {
            List<RuleTestRunner.Outcome> outcomes = new RuleTestRunner(rules).runAll();
            long failed = 0;
            for (RuleTestRunner.Outcome o : outcomes) {
                out.printf("%s %s: %s (%d alert events)%n", o.passed() ? "ok  " : "FAIL", o.file().getFileName(), o.name(), o.alerts());
                o.failures().forEach(f -> out.println("       " + f));
                failed += o.passed() ? 0 : 1;
            }
            out.printf("%d of %d rule tests passed%n", outcomes.size() - failed, outcomes.size());
            return failed == 0 ? 0 : 1;
        } catch (Exception e) {
            err.println("surgewatch rules test: " + e);
            return 1;
        }
    }
}

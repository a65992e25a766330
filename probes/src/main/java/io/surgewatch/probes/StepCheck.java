package io.surgewatch.probes;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.surgewatch.config.probes.ProbeExpectations;
import io.surgewatch.config.probes.ProbeExtraction;
import io.surgewatch.config.probes.ProbeStep;
import io.surgewatch.model.ProbeOutcome;

/**
 * Judges an answered step against its expectations and takes out the values later steps need. The
 * first failed expectation wins and is described so that an engineer can read it on a phone.
 */
final class StepCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Verdict(ProbeOutcome outcome, String failure) {
    }

    private StepCheck() {
    }

    static Verdict judge(ProbeStep step, StepAnswer answer) {
        ProbeExpectations expect = step.expect();
        if (!expect.accepts(answer.status())) {
            return new Verdict(answer.status() >= 400 ? ProbeOutcome.HTTP_ERROR : ProbeOutcome.ASSERTION_FAILED,
                    "status " + answer.status() + ", expected " + (expect.status().isEmpty() ? "2xx" : expect.status()));
        }
        if (expect.bodyContains() != null && !answer.body().contains(expect.bodyContains())) {
            return failed("body does not contain '" + expect.bodyContains() + "'");
        }
        if (expect.bodyMatches() != null && !Pattern.compile(expect.bodyMatches()).matcher(answer.body()).find()) {
            return failed("body does not match /" + expect.bodyMatches() + "/");
        }
        if (!expect.json().isEmpty()) {
            JsonNode doc = parse(answer.body());
            if (doc == null) {
                return failed("body is not JSON: " + abbreviate(answer.body()));
            }
            for (Map.Entry<String, String> e : expect.json().entrySet()) {
                JsonNode at = doc.at(e.getKey());
                if (at.isMissingNode()) {
                    return failed("JSON " + e.getKey() + " is missing, expected '" + e.getValue() + "'");
                }
                if (!at.asText().equals(e.getValue())) {
                    return failed("JSON " + e.getKey() + " is '" + at.asText() + "', expected '" + e.getValue() + "'");
                }
            }
        }
        if (expect.latencyBudget() != null && answer.durationMs() > expect.latencyBudget().toMillis()) {
            return new Verdict(ProbeOutcome.SLOW, String.format(java.util.Locale.ROOT, "answered in %.0f ms, over the budget of %d ms",
                    answer.durationMs(), expect.latencyBudget().toMillis()));
        }
        return new Verdict(ProbeOutcome.OK, null);
    }

    /** Puts each extracted value into {@code into}; returns the failure when one cannot be found. */
    static String extract(ProbeStep step, StepAnswer answer, Map<String, String> into) {
        JsonNode doc = null;
        for (Map.Entry<String, ProbeExtraction> e : step.extract().entrySet()) {
            ProbeExtraction how = e.getValue();
            String value;
            if (how.json() != null) {
                doc = doc != null ? doc : parse(answer.body());
                if (doc == null) {
                    return "cannot extract " + e.getKey() + ": body is not JSON: " + abbreviate(answer.body());
                }
                JsonNode at = doc.at(how.json());
                value = at.isMissingNode() || at.isNull() || at.isContainerNode() ? null : at.asText();
            } else {
                Matcher m = Pattern.compile(how.regex()).matcher(answer.body());
                value = m.find() ? m.group(1) : null;
            }
            if (value == null || value.isEmpty()) {
                return "cannot extract " + e.getKey() + " (" + (how.json() != null ? "JSON " + how.json() : "/" + how.regex() + "/")
                        + ") from the answer";
            }
            into.put(e.getKey(), value);
        }
        return null;
    }

    private static Verdict failed(String why) {
        return new Verdict(ProbeOutcome.ASSERTION_FAILED, why);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode doc = JSON.readTree(body);
            return doc == null || doc.isMissingNode() ? null : doc;
        } catch (IOException e) {
            return null;
        }
    }

    static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 60 ? "'" + oneLine + "'" : "'" + oneLine.substring(0, 57) + "...'";
    }
}

package io.surgewatch.simulator.scenario;

import java.io.Serializable;

/**
 * What citizens ask for, as shares that add up to 1: showing their health code (at every metro gate
 * and compound entrance), looking up a nucleic-acid result, and being registered for a test (the scan
 * at a testing site).
 */
public record RequestMix(Double showCode, Double resultLookup, Double register) implements Serializable {
    public RequestMix {
        showCode = showCode != null ? showCode : 0.60;
        resultLookup = resultLookup != null ? resultLookup : 0.25;
        register = register != null ? register : 0.15;
        for (double share : new double[] {showCode, resultLookup, register}) {
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("show_code, result_lookup and register must each lie in [0, 1]");
            }
        }
        if (Math.abs(showCode + resultLookup + register - 1) > 1e-6) {
            throw new IllegalArgumentException("show_code + result_lookup + register must add up to 1, got "
                    + (showCode + resultLookup + register));
        }
    }

    public static RequestMix defaults() {
        return new RequestMix(null, null, null);
    }
}

package io.surgewatch.config.sites;

import java.util.List;
import java.util.Map;

/**
 * {@code alert-rules/sites.yaml} as written: districts with their coordinators, the sites, and CSV
 * files of further sites (paths relative to this file), as cities keep such lists in spreadsheets.
 */
public record SiteRegistryFile(Map<String, Coordinator> districts, List<Site> sites, List<String> csv) {
    public SiteRegistryFile {
        if (districts == null || districts.isEmpty()) {
            throw new IllegalArgumentException("districts must name at least one district with its coordinator");
        }
        sites = sites != null ? List.copyOf(sites) : List.of();
        csv = csv != null ? List.copyOf(csv) : List.of();
        if (sites.isEmpty() && csv.isEmpty()) {
            throw new IllegalArgumentException("sites must list at least one testing site (or name a csv file of them)");
        }
    }
}

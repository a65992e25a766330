package io.surgewatch.config.sites;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.surgewatch.config.ConfigException;
import io.surgewatch.config.StrictYaml;

/**
 * The testing sites of the city, checked whole: every site in a known district, no id twice (across
 * the YAML and its CSV files); each problem names the file and line.
 */
public record SiteRegistry(Map<String, Coordinator> districts, List<Site> sites) {
    public static SiteRegistry load(Path file) {
        StrictYaml.Located<SiteRegistryFile> loaded = StrictYaml.loadLocated(file, SiteRegistryFile.class);
        SiteRegistryFile f = loaded.value();
        Map<String, String> seen = new HashMap<>();
        List<Site> sites = new ArrayList<>();
        for (int i = 0; i < f.sites().size(); i++) {
            Site s = f.sites().get(i);
            String where = file.getFileName() + " sites[" + i + "]";
            if (!f.districts().containsKey(s.district())) {
                throw loaded.error("sites[" + i + "].district", "district '" + s.district() + "' is not one of " + f.districts().keySet());
            }
            String earlier = seen.putIfAbsent(s.id(), where);
            if (earlier != null) {
                throw loaded.error("sites[" + i + "].id", "site id '" + s.id() + "' is used twice (first in " + earlier + ")");
            }
            sites.add(s);
        }
        Path dir = file.toAbsolutePath().getParent();
        for (String csv : f.csv()) {
            Path csvFile = dir.resolve(csv);
            for (SiteCsv.Row row : SiteCsv.read(csvFile)) {
                Site s = row.site();
                if (!f.districts().containsKey(s.district())) {
                    throw new ConfigException(csvFile.toString(), row.line(), 0, null, "district '" + s.district() + "' is not one of "
                            + f.districts().keySet());
                }
                String earlier = seen.putIfAbsent(s.id(), csvFile.getFileName() + ":" + row.line());
                if (earlier != null) {
                    throw new ConfigException(csvFile.toString(), row.line(), 0, null, "site id '" + s.id() + "' is used twice (first in "
                            + earlier + ")");
                }
                sites.add(s);
            }
        }
        return new SiteRegistry(new LinkedHashMap<>(f.districts()), List.copyOf(sites));
    }

    public Site site(String id) {
        return sites.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }

    /** The sites whose registration depends on the service. */
    public List<Site> dependingOn(String service) {
        return sites.stream().filter(s -> s.services().contains(service)).toList();
    }
}

package io.surgewatch.config.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;

import io.surgewatch.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteRegistryTest {
    private static final String HEAD = "districts:\n  Yanta: {name: Wang, email: yanta@health.xa.example}\nsites:\n";
    private static final String SITE = "  - id: yanta-001\n    name: Xiaozhai\n    district: Yanta\n    address: Chang'an Middle Rd 1\n"
            + "    contacts: {email: [a@sites.xa.example]}\n";

    @TempDir
    Path dir;

    @Test
    void theShippedRegistryLoadsItsYamlAndCsvSites() {
        SiteRegistry r = SiteRegistry.load(Path.of("../alert-rules/sites.yaml"));
        assertEquals(6, r.sites().size());
        assertEquals(4, r.districts().size());
        assertEquals(2, r.site("weiyang-002").contacts().email().size(), "two addresses in one CSV field, split at ';'");
        assertEquals("凤城五路 Fengcheng 5th Rd 5, Weiyang, Xi'an", r.site("weiyang-001").address(), "a quoted CSV field keeps its commas");
        assertEquals(6, r.dependingOn("healthcode").size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            duplicate id      | 9:5: sites[1].id: site id 'yanta-001' is used twice (first in sites.yaml sites[0])
            unknown district  | 11:5: sites[1].district: district 'Qujiang' is not one of [Yanta]
            bad address       | 12:5: sites[1]: address: 'x' is not an address (5 to 200 characters, no control characters)
            bad email         | 13:16: sites[1].contacts: email: 'nobody' is not an email address
            """)
    void eachBadRegistrySaysWhereAndWhy(String name, String expected) throws Exception {
        String second = switch (name) {
            case "duplicate id" -> SITE;
            case "unknown district" -> SITE.replace("yanta-001", "yanta-002").replace("district: Yanta", "district: Qujiang");
            case "bad address" -> SITE.replace("yanta-001", "yanta-002").replace("Chang'an Middle Rd 1", "x");
            default -> SITE.replace("yanta-001", "yanta-002").replace("a@sites.xa.example", "nobody");
        };
        Path file = dir.resolve("sites.yaml");
        Files.writeString(file, HEAD + SITE + second);
        ConfigException e = assertThrows(ConfigException.class, () -> SiteRegistry.load(file));
        assertEquals(file + ":" + expected, e.getMessage());
    }

    @Test
    void aBadCsvRowNamesItsLine() throws Exception {
        Files.writeString(dir.resolve("more.csv"), "id,name,district,address,email,phone,im_webhook,services\n"
                + "yanta-002,Dayanta,Yanta,\"Yanta South Rd 2, Xi'an\",b@sites.xa.example,,,healthcode\n"
                + "yanta-003,Big Goose,Yanta,Yanta South Rd 3,c@sites.xa.example,call me,,healthcode\n");
        Path file = dir.resolve("sites.yaml");
        Files.writeString(file, HEAD + SITE + "csv: [more.csv]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> SiteRegistry.load(file));
        assertEquals(dir.resolve("more.csv") + ":3: phone: 'call me' is not a phone number (digits, optionally +country code)", e.getMessage());
    }
}

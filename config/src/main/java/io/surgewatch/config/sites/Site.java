package io.surgewatch.config.sites;

import java.io.Serializable;
import java.util.List;

/** A testing site: where it is, who runs it, and which watched services its registration depends on. */
public record Site(String id, String name, String district, String address, SiteContacts contacts, List<String> services)
        implements Serializable {
    public Site {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{1,62}")) {
            throw new IllegalArgumentException("id: '" + id + "' must be lower-case letters, digits and '-' (e.g. yanta-001)");
        }
        if (name == null || name.isBlank() || name.length() > 120) {
            throw new IllegalArgumentException("name is required (at most 120 characters)");
        }
        if (district == null || district.isBlank()) {
            throw new IllegalArgumentException("district is required");
        }
        if (address == null || address.strip().length() < 5 || address.length() > 200 || address.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("address: '" + address + "' is not an address (5 to 200 characters, no control characters)");
        }
        if (contacts == null) {
            throw new IllegalArgumentException("contacts is required");
        }
        services = services != null && !services.isEmpty() ? List.copyOf(services) : List.of("healthcode");
    }
}

package io.surgewatch.config.sites;

import java.io.Serializable;

/** The district's coordinator, told when a site has not acknowledged an instruction in time. */
public record Coordinator(String name, String email) implements Serializable {
    public Coordinator {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        if (email == null || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException("email: '" + email + "' is not an email address");
        }
    }
}

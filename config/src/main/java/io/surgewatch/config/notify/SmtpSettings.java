package io.surgewatch.config.notify;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An SMTP server: STARTTLS by default (required, not opportunistic), with a login if {@code username}
 * is set. The password comes from {@code password} (write {@code ${SMTP_PASSWORD}} to take it from the
 * environment) or from {@code password_file}; it never appears in logs or {@code toString()}.
 */
public record SmtpSettings(String host, Integer port, Boolean starttls, String username, String password, String passwordFile)
        implements Serializable {
    public SmtpSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        port = port != null ? port : 587;
        starttls = starttls != null ? starttls : Boolean.TRUE;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must lie between 1 and 65535, got " + port);
        }
        if (password != null && passwordFile != null) {
            throw new IllegalArgumentException("password: give password or password_file, not both");
        }
        if (username == null && (password != null || passwordFile != null)) {
            throw new IllegalArgumentException("username is required with a password");
        }
        if (passwordFile != null && !Files.isReadable(Path.of(passwordFile))) {
            throw new IllegalArgumentException("password_file: cannot read " + passwordFile);
        }
    }

    /** The password, read from its file at each call so that a rotated secret is picked up. */
    public String secret() {
        if (passwordFile == null) {
            return password;
        }
        try {
            return Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the SMTP password file " + passwordFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", starttls=" + starttls + ", username=" + username
                + ", password=" + (password != null || passwordFile != null ? "<secret>" : "none") + "]";
    }
}

package io.surgewatch.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.surgewatch.config.RouteSettings;
import org.junit.jupiter.api.Test;

class LearnedRoutesTest {
    private static final int FOLD_AFTER = 20;
    private static final List<String> ENDPOINTS = List.of("/api/v1/healthcode/{id}/qrcode", "/api/v1/healthcode/status",
            "/api/v1/results/{id}", "/api/v1/login", "/static/app.js", "/static/app.css", "/favicon.ico");

    @Test
    void siteSlugsFoldIntoOneRouteOnceMoreThanFoldAfterHaveBeenSeen() {
        LearnedRoutes routes = new LearnedRoutes(FOLD_AFTER, 500);
        for (int i = 0; i < FOLD_AFTER; i++) {
            assertEquals("/api/v1/testing-sites/" + slug(i) + "/registrations", routes.learn("/api/v1/testing-sites/" + slug(i) + "/registrations"),
                    "up to fold_after values a position may still be an endpoint");
        }
        assertEquals("/api/v1/testing-sites/{name}/registrations", routes.learn("/api/v1/testing-sites/" + slug(FOLD_AFTER) + "/registrations"));
        assertEquals("/api/v1/testing-sites/{name}/registrations", routes.group("/api/v1/testing-sites/" + slug(0) + "/registrations"),
                "the sites seen before the fold are in it too");
        assertEquals("/api/v1/testing-sites/{name}/registrations", routes.learn("/api/v1/testing-sites/newsite/registrations"));
        assertEquals(Set.of("/api/v1/testing-sites/{name}/registrations"), routes.templates());
    }

    @Test
    void endpointsStayApartBesideFoldedNames() {
        LearnedRoutes routes = new LearnedRoutes(FOLD_AFTER, 500);
        ENDPOINTS.forEach(routes::learn);
        for (int i = 0; i < 300; i++) {
            routes.learn("/api/v1/users/" + slug(i) + "/profile");
            routes.learn("/api/v1/users/" + slug(i) + "/settings");
        }
        for (String endpoint : ENDPOINTS) {
            assertEquals(endpoint, routes.group(endpoint));
        }
        assertEquals("/api/v1/users/{name}/profile", routes.group("/api/v1/users/zed/profile"));
        assertEquals(ENDPOINTS.size() + 2, routes.size(), routes.templates().toString());
    }

    @Test
    void theTemplatesDependOnTheSetOfPathsNotOnTheirOrder() {
        List<String> paths = new ArrayList<>(ENDPOINTS);
        for (int i = 0; i < 60; i++) {
            paths.add("/api/v1/testing-sites/" + slug(i) + "/registrations");
            paths.add("/api/v1/testing-sites/" + slug(i) + "/queue/" + slug(i % 30));
        }
        Set<String> first = null;
        for (long seed = 0; seed < 20; seed++) {
            Collections.shuffle(paths, new Random(seed));
            LearnedRoutes routes = new LearnedRoutes(FOLD_AFTER, 500);
            paths.forEach(routes::learn);
            if (first == null) {
                first = routes.templates();
            }
            assertEquals(first, routes.templates(), "order " + seed);
        }
        assertTrue(first.contains("/api/v1/testing-sites/{name}/queue/{name}"), first.toString());
    }

    @Test
    void aMillionRandomPathsStayWithinTheCapAndCountAsOther() {
        LearnedRoutes routes = new LearnedRoutes(FOLD_AFTER, 200);
        ENDPOINTS.forEach(routes::learn);
        Random random = new Random(1);
        int other = 0;
        for (int i = 0; i < 1_000_000; i++) {
            String path = "/" + word(random) + (random.nextBoolean() ? "/" + word(random) : "");
            if (routes.learn(path).equals(LearnedRoutes.OTHER)) {
                other++;
            }
        }
        assertTrue(routes.size() <= 200, "templates: " + routes.size());
        assertTrue(other > 900_000, "other: " + other);
        for (String endpoint : ENDPOINTS) {
            assertEquals(endpoint, routes.group(endpoint), "what was learned before the scan keeps its template");
        }
    }

    @Test
    void aSavedBookRestoresExactlyWhatWasLearned() {
        RouteSettings settings = new RouteSettings(null, null, FOLD_AFTER, 500);
        RouteBook book = new RouteBook(settings, 10);
        ENDPOINTS.forEach(e -> book.learn("healthcode", e));
        for (int i = 0; i < 30; i++) {
            book.learn("healthcode", "/api/v1/testing-sites/" + slug(i) + "/registrations");
            book.learn("portal", "/u/" + slug(i));
        }
        book.admit("serves-nothing-yet");
        RouteBook restored = RouteBook.restore(book.save(), settings, 10);
        assertEquals(book.save(), restored.save());
        assertEquals(3, restored.services(), "a service without templates still holds its place under the cap");
        assertEquals("/api/v1/testing-sites/{name}/registrations", restored.learn("healthcode", "/api/v1/testing-sites/another/registrations"));
        assertEquals(book.routes("healthcode"), restored.routes("healthcode"));
    }

    @Test
    void aConfiguredTemplateAndTheNormalisersPlaceholdersAreNeverFolded() {
        String registration = "/api/v1/testing-sites/{id}/registrations";
        RouteBook book = new RouteBook(new RouteSettings(List.of(registration), null, FOLD_AFTER, 500), 10);
        book.learn("healthcode", registration);
        book.learn("healthcode", "/api/v1/testing-sites/{id}/slots");
        for (int i = 0; i < 40; i++) {
            book.learn("healthcode", "/api/v1/testing-sites/" + slug(i) + "/queue");
            book.learn("healthcode", "/api/" + slug(i));
        }
        assertEquals(registration, book.group("healthcode", registration));
        assertEquals("/api/{name}/testing-sites/{id}/slots", book.group("healthcode", "/api/v1/testing-sites/{id}/slots"),
                "a learned fold above a placeholder leaves the placeholder");
        assertEquals("/api/{name}/testing-sites/{name}/queue", book.group("healthcode", "/api/v1/testing-sites/zz/queue"));
    }

    @Test
    void servicesBeyondTheCapCountAsOther() {
        RouteBook book = new RouteBook(RouteSettings.defaults(), 3);
        for (int i = 0; i < 10; i++) {
            book.learn("service" + i, "/x");
        }
        assertEquals(3, book.services());
        assertEquals(LearnedRoutes.OTHER, book.service("service7"));
        assertEquals("service1", book.service("service1"));
    }

    private static String slug(int i) {
        String[] districts = {"yanta", "beilin", "lianhu", "xincheng", "weiyang", "baqiao", "changan", "lintong", "gaoling", "huyi"};
        return districts[i % districts.length] + (char) ('a' + i / districts.length % 26) + (char) ('a' + i / 260);
    }

    private static String word(Random random) {
        char[] c = new char[3 + random.nextInt(8)];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(c);
    }
}

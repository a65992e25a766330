package io.surgewatch.accesslog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One service's route templates as learned from its normalised paths, the way APM tools group URLs:
 * a path position that has shown more than {@code foldAfter} distinct values under the same prefix
 * holds names (site slugs, user names, short random ids), not endpoints, and folds into
 * {@code {name}}; what lay under the old values merges under the folded one. An API has a handful of
 * endpoint names at any position; a city has hundreds of testing sites. The first position is never
 * folded (it names an area such as {@code /api} or {@code /static}; a scanner's random first words
 * are bounded by {@code maxRoutes} instead). A placeholder the normaliser put in ({@code {id}}) stays
 * as it is and is not counted among the values of its position.
 *
 * <p>The whole state is two sets: the templates and the folded prefixes; the tree of children is an
 * index rebuilt from them. Which positions fold depends only on the set of paths learned, not on their
 * order, as long as the service stays under {@code maxRoutes}: a position folds exactly when the
 * paths under it (folds above applied) show more than {@code foldAfter} values. Beyond
 * {@code maxRoutes} a new template is not learned and its path counts as {@link #OTHER}.
 */
public final class LearnedRoutes {
    public static final String NAME = "{name}";
    public static final String OTHER = "{other}";
    /** Paths nobody serves (every request answered 404): a scanner's, never learned. */
    public static final String NOT_FOUND = "{not-found}";

    private final int foldAfter;
    private final int maxRoutes;
    private final Set<String> templates = new TreeSet<>();
    private final Set<String> folded = new TreeSet<>();
    private final Map<String, Set<String>> children = new HashMap<>();
    private int changes;

    public LearnedRoutes(int foldAfter, int maxRoutes) {
        this.foldAfter = foldAfter;
        this.maxRoutes = maxRoutes;
    }

    /** The template of a normalised route under what is learned now, without learning it. */
    public String group(String route) {
        if (!learnable(route)) {
            return route;
        }
        String template = applyFolds(route);
        return templates.contains(template) ? template : OTHER;
    }

    /** Learns the route (folding positions that now hold too many values) and returns its template. */
    public String learn(String route) {
        if (!learnable(route)) {
            return route;
        }
        String template = applyFolds(route);
        if (templates.contains(template)) {
            return template;
        }
        if (templates.size() >= maxRoutes) {
            return OTHER;
        }
        templates.add(template);
        changes++;
        index(template);
        foldWhereCrowded();
        return applyFolds(route);
    }

    /** How many templates were learned (a count that only grows, unlike {@link #size()}, which folds shrink). */
    public int changes() {
        return changes;
    }

    public int size() {
        return templates.size();
    }

    public Set<String> templates() {
        return java.util.Collections.unmodifiableSet(templates);
    }

    public Set<String> foldedPrefixes() {
        return java.util.Collections.unmodifiableSet(folded);
    }

    /** Restores a state written from {@link #templates()} and {@link #foldedPrefixes()}. */
    public void restore(Iterable<String> savedTemplates, Iterable<String> savedFolds) {
        templates.clear();
        folded.clear();
        children.clear();
        savedFolds.forEach(folded::add);
        for (String t : savedTemplates) {
            templates.add(t);
            index(t);
        }
    }

    /**
     * Placeholders already folded by the normaliser, its markers ({@code <malformed-request>}) and
     * the root are routes of their own and take no part in learning.
     */
    private static boolean learnable(String route) {
        return route.length() > 1 && route.charAt(0) == '/';
    }

    private String applyFolds(String route) {
        if (folded.isEmpty()) {
            return route;
        }
        List<String> segments = segments(route);
        StringBuilder prefix = new StringBuilder();
        for (String segment : segments) {
            boolean fold = !placeholder(segment) && folded.contains(prefix.toString());
            prefix.append('/').append(fold ? NAME : segment);
        }
        return prefix.toString();
    }

    private void index(String template) {
        List<String> segments = segments(template);
        StringBuilder prefix = new StringBuilder();
        for (String segment : segments) {
            Set<String> values = children.computeIfAbsent(prefix.toString(), k -> new TreeSet<>());
            if (!placeholder(segment)) {
                values.add(segment);
            }
            prefix.append('/').append(segment);
        }
    }

    /** Folds the shallowest crowded position, then looks again: a fold merges subtrees that may crowd in turn. */
    private void foldWhereCrowded() {
        while (true) {
            String crowded = null;
            int depth = Integer.MAX_VALUE;
            for (Map.Entry<String, Set<String>> node : children.entrySet()) {
                String prefix = node.getKey();
                int d = depth(prefix);
                if (d >= 1 && node.getValue().size() > foldAfter && !folded.contains(prefix)
                        && (d < depth || d == depth && prefix.compareTo(crowded) < 0)) {
                    crowded = prefix;
                    depth = d;
                }
            }
            if (crowded == null) {
                return;
            }
            fold(crowded, depth);
        }
    }

    private void fold(String prefix, int depth) {
        folded.add(prefix);
        Set<String> rewrittenFolds = new TreeSet<>();
        for (String f : folded) {
            rewrittenFolds.add(isUnder(f, prefix) && !f.equals(prefix) ? replaceSegment(f, depth) : f);
        }
        folded.clear();
        folded.addAll(rewrittenFolds);
        List<String> all = new ArrayList<>(templates);
        templates.clear();
        children.clear();
        for (String t : all) {
            String rewritten = isUnder(t, prefix) ? replaceSegment(t, depth) : t;
            templates.add(rewritten);
            index(rewritten);
        }
    }

    private static boolean isUnder(String path, String prefix) {
        return path.length() > prefix.length() && path.startsWith(prefix) && path.charAt(prefix.length()) == '/';
    }

    /** The path with its segment number {@code index} (0-based) replaced by {@code {name}}, unless it is a placeholder. */
    private static String replaceSegment(String path, int index) {
        List<String> segments = segments(path);
        if (placeholder(segments.get(index))) {
            return path;
        }
        segments.set(index, NAME);
        StringBuilder b = new StringBuilder();
        for (String s : segments) {
            b.append('/').append(s);
        }
        return b.toString();
    }

    private static boolean placeholder(String segment) {
        return segment.length() > 2 && segment.charAt(0) == '{' && segment.charAt(segment.length() - 1) == '}';
    }

    private static int depth(String prefix) {
        int d = 0;
        for (int i = 0; i < prefix.length(); i++) {
            if (prefix.charAt(i) == '/') {
                d++;
            }
        }
        return d;
    }

    /** {@code /a/b/} is {@code [a, b, ""]}: a trailing slash is kept as an empty last segment. */
    static List<String> segments(String route) {
        List<String> segments = new ArrayList<>();
        int start = 1;
        while (true) {
            int slash = route.indexOf('/', start);
            if (slash < 0) {
                segments.add(route.substring(start));
                return segments;
            }
            segments.add(route.substring(start, slash));
            start = slash + 1;
        }
    }
}

package io.panelflow.model.text;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean …?": the valid name closest to a misspelled one, by Levenshtein distance (Apache Commons
 * Text) between the lower-cased names. A name is suggested only when it is close enough to be a plausible
 * typo: at most one edit per three characters of the name as written, never more than three edits (so
 * {@code gdpp} → {@code gdp}, {@code entropy-topsys} → {@code entropy-topsis}, {@code GDP} → {@code gdp},
 * but nothing for {@code x} among {@code y, z}). On a tie the candidate listed first wins.
 */
public final class NearestName {
    private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();

    private NearestName() {
    }

    /** The candidate nearest to {@code written}, if one is close enough; never {@code written} itself. */
    public static Optional<String> of(String written, Collection<String> candidates) {
        if (written == null || candidates == null || candidates.isEmpty()) {
            return Optional.empty();
        }
        String w = written.strip().toLowerCase(Locale.ROOT);
        int allowed = Math.min(3, w.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (c == null || c.equals(written)) {
                continue;
            }
            int d = LEVENSHTEIN.apply(w, c.toLowerCase(Locale.ROOT));
            if (d <= allowed && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code "; did you mean 'gdp'?"}, or the empty string when nothing is close. */
    public static String suggestion(String written, Collection<String> candidates) {
        return of(written, candidates).map(n -> "; did you mean '" + n + "'?").orElse("");
    }
}

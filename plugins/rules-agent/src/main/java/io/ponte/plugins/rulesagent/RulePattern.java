package io.ponte.plugins.rulesagent;

import java.text.Normalizer;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A configured regular expression, matched with {@link Matcher#find()} against a message's text: case-insensitive
 * for every script ({@code (?iu)}), with Unicode {@code \w}, {@code \b} and {@code \d} ({@code (?U)}, so
 * {@code \w+} takes "João" whole), pattern and text both in Unicode NFC (so an "é" typed as e + combining accent
 * still matches). Immutable and thread-safe.
 *
 * <p>A find gives up after {@link #MAX_STEPS} character reads. A pattern that backtracks catastrophically
 * ({@code (.*?,){11}P} on a line of commas) would otherwise hold a thread for minutes, and the hub's timeout cannot
 * interrupt a running regex.
 */
final class RulePattern {

    /** Character reads one find may make: far above a sane pattern on a long message, far below a runaway one. */
    static final long MAX_STEPS = 50_000_000L;

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE
            | Pattern.UNICODE_CHARACTER_CLASS;

    private final String field;
    private final Pattern pattern;

    private RulePattern(String field, Pattern pattern) {
        this.field = field;
        this.pattern = pattern;
    }

    /**
     * Compiles a configured pattern.
     *
     * @param field  where the pattern sits in the config ({@code rules[2].pattern}), for messages
     * @param source the regex
     * @return the pattern
     * @throws IllegalArgumentException with a one-line reason when the regex does not compile
     */
    static RulePattern compile(String field, String source) {
        Objects.requireNonNull(source, "source");
        try {
            return new RulePattern(field, Pattern.compile(nfc(source), FLAGS));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("is not a valid regular expression: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
    }

    /**
     * Looks for the pattern anywhere in the text.
     *
     * @param text the message text; null (not a text message) never matches
     * @return the first match with its groups, or empty
     * @throws GaveUp when the find took more than {@link #MAX_STEPS} character reads
     */
    Optional<MatchResult> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = pattern.matcher(new CountedText(nfc(text), new long[] {MAX_STEPS}));
        try {
            return m.find() ? Optional.of(m.toMatchResult()) : Optional.empty();
        } catch (StepsExhausted e) {
            throw new GaveUp(field + " gave up on this message after " + MAX_STEPS + " steps (catastrophic "
                    + "backtracking): simplify the pattern (nested or repeated wildcards such as (.*?,){11} or (a+)+)");
        }
    }

    /** The Unicode NFC form, which regex and template see; messages from some keyboards arrive decomposed. */
    static String nfc(String text) {
        return Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text
                : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** The config path of this pattern. */
    String field() {
        return field;
    }

    /** The regex as configured (in NFC). */
    String source() {
        return pattern.pattern();
    }

    @Override
    public String toString() {
        return field + "=/" + pattern.pattern() + "/";
    }

    /** A pattern gave up on a message: the action fails with this message. */
    static final class GaveUp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GaveUp(String message) {
            super(message, null, false, false);
        }
    }

    private static final class StepsExhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepsExhausted() {
            super(null, null, false, false);
        }
    }

    /** The text, counting every character the regex engine reads against a budget shared with its sub-sequences. */
    private record CountedText(String text, long[] budget) implements CharSequence {
        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new StepsExhausted();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new CountedText(text.substring(start, end), budget);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}

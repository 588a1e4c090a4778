package io.ponte.plugins.openai;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Keyword matching as people type: case- and accent-insensitive, on whole words ("humano" is not "humanos"). */
final class Words {

    private Words() {
    }

    /** Lower case, accents stripped, split on anything that is not a letter or digit. */
    static List<String> of(String text) {
        if (text == null) {
            return List.of();
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String w : plain.split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** The first keyword (one or more words) found in the text as whole words, or null. */
    static String firstMatch(String text, List<String> keywords) {
        List<String> words = of(text);
        for (String keyword : keywords) {
            List<String> k = of(keyword);
            if (!k.isEmpty() && Collections.indexOfSubList(words, k) >= 0) {
                return keyword;
            }
        }
        return null;
    }
}

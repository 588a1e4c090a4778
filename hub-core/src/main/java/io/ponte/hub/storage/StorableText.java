package io.ponte.hub.storage;

/**
 * Display text from outside (a contact's name, a provider's error, a connector's reason) made fit for a column:
 * without control characters or broken surrogates, which a database refuses (PostgreSQL takes no NUL in text), and
 * at most {@code max} characters. Such text is shown, never matched on, so trimming it beats failing the write — a
 * failed write would fail every other row of its group commit.
 */
public final class StorableText {

    private StorableText() {
    }

    /** The text made storable; null for null or when nothing is left. */
    public static String of(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            boolean lone = width == 1 && Character.isSurrogate((char) cp);
            boolean keep = !lone && (!Character.isISOControl(cp) || cp == '\n' || cp == '\t');
            if (keep) {
                if (out.length() + width > max) {
                    break;
                }
                out.appendCodePoint(cp);
            }
            i += width;
        }
        return out.isEmpty() ? null : out.toString();
    }
}

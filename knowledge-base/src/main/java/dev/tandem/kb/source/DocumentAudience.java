package dev.tandem.kb.source;

import java.util.regex.Pattern;

/** Validates a document's declared audience; a missing audience means public. */
public final class DocumentAudience {

    private static final Pattern ACCOUNT = Pattern.compile("account:[^:\\s]+");

    private DocumentAudience() {}

    /**
     * "public", "b2b" or "account:&lt;id&gt;". Anything else is rejected rather than guessed, so a
     * typo never makes a contract public.
     */
    public static String normalize(String declared) {
        if (declared == null || declared.isBlank()) return "public";
        String value = declared.strip();
        if (value.equals("public") || value.equals("b2b") || ACCOUNT.matcher(value).matches()) return value;
        throw new IllegalArgumentException("unknown audience '" + value + "'");
    }
}

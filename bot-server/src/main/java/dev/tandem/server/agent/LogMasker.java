package dev.tandem.server.agent;

import java.util.regex.Pattern;

/** Masks personal data (e-mail addresses, phone numbers, ID numbers) in text before it is logged. */
public final class LogMasker {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    /** Vietnamese and international phone numbers, with spaces, dots or dashes between groups. */
    private static final Pattern PHONE = Pattern.compile("(?<![\\w-])(\\+?84|0)[\\s.-]?\\d{2,3}([\\s.-]?\\d{3}){2}\\d?(?![\\w-])");
    /** Citizen ID (12 digits), old ID (9 digits), passport-like runs and any long digit run. */
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![\\w-])\\d{9,}(?![\\w-])");
    private static final int MAX_LOGGED_CHARS = 200;

    private LogMasker() {}

    public static String mask(String text) {
        if (text == null) return "";
        String s = text.length() > MAX_LOGGED_CHARS ? text.substring(0, MAX_LOGGED_CHARS) + "…" : text;
        s = EMAIL.matcher(s).replaceAll("[email]");
        s = PHONE.matcher(s).replaceAll("[phone]");
        s = ID_NUMBER.matcher(s).replaceAll("[id]");
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}

package dev.roster.core.mail;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Renders an {@link OutgoingEmail} as an RFC 5322 message: multipart/alternative with a plain-text and an HTML
 * part, both UTF-8 and base64, headers RFC 2047-encoded. The same bytes go to SES (raw content) and, locally,
 * into an .eml file.
 */
public final class MimeMessage {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** RFC 5322 allows 998; staying well below keeps every relay happy. */
    private static final int MAX_7BIT_LINE = 200;

    private MimeMessage() {
    }

    public static byte[] render(OutgoingEmail email, Instant date) {
        String boundary = "roster-" + HexFormat.of().formatHex(randomBytes(12));
        StringBuilder out = new StringBuilder();
        header(out, "From", email.from());
        header(out, "To", email.to());
        header(out, "Subject", encodeWord(email.subject()));
        header(out, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atOffset(ZoneOffset.UTC)));
        header(out, "MIME-Version", "1.0");
        header(out, "Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
        out.append("\r\n");
        part(out, boundary, "text/plain", email.text());
        part(out, boundary, "text/html", email.html());
        out.append("--").append(boundary).append("--\r\n");
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** 7bit when the body is short-lined ASCII, so the message reads as it is; base64 otherwise. */
    private static void part(StringBuilder out, String boundary, String type, String body) {
        out.append("--").append(boundary).append("\r\n");
        header(out, "Content-Type", type + "; charset=UTF-8");
        String[] lines = body.split("\r?\n", -1);
        boolean sevenBit = body.chars().allMatch(c -> c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7f))
                && java.util.Arrays.stream(lines).allMatch(line -> line.length() <= MAX_7BIT_LINE && !line.startsWith("--"));
        header(out, "Content-Transfer-Encoding", sevenBit ? "7bit" : "base64");
        out.append("\r\n");
        if (sevenBit) {
            out.append(String.join("\r\n", lines)).append("\r\n");
        } else {
            out.append(Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(body.getBytes(StandardCharsets.UTF_8))).append("\r\n");
        }
    }

    private static void header(StringBuilder out, String name, String value) {
        out.append(name).append(": ").append(singleLine(value)).append("\r\n");
    }

    /** No header injection: CR, LF and other control characters in a value never start a new header. */
    static String singleLine(String value) {
        return value.replaceAll("[\\p{Cntrl}]", " ");
    }

    /** RFC 2047 encoded-word when the value is not plain printable ASCII. */
    static String encodeWord(String value) {
        String line = singleLine(value);
        if (line.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && !line.contains("=?")) {
            return line;
        }
        return encoded(line);
    }

    private static String encoded(String line) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(line.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    /** A display name and address as a header value, the name quoted or encoded so it cannot add recipients. */
    public static String address(String displayName, String email) {
        if (displayName == null || displayName.isBlank()) {
            return email;
        }
        String name = singleLine(displayName).trim();
        boolean plain = name.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\');
        // Anything a quoted string cannot hold is encoded whole, so no name can close the quotes and add an address.
        return (plain ? "\"" + name + "\"" : encoded(name)) + " <" + email + ">";
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}

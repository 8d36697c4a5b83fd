package dev.roster.local;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Emulates the HttpApi JWT authorizer: issues HS256 tokens for development and validates them as API Gateway
 * validates its issuer's tokens (signature, issuer, audience, expiry), then hands the claims on as strings.
 */
final class LocalAuthorizer {

    static final String ISSUER = "roster-local";
    static final String AUDIENCE = "roster";
    private static final Duration LIFETIME = Duration.ofDays(30);

    private final byte[] secret;
    private final JsonMapper json;
    private final Clock clock;

    LocalAuthorizer(byte[] secret, JsonMapper json, Clock clock) {
        this.secret = secret.clone();
        this.json = json;
        this.clock = clock;
    }

    String issue(String email, String name, String sub, boolean emailVerified) {
        long now = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", sub == null ? stableSub(email) : sub);
        claims.put("email", email);
        claims.put("email_verified", emailVerified);
        if (name != null) {
            claims.put("name", name);
        }
        claims.put("iat", now);
        claims.put("exp", now + LIFETIME.toSeconds());
        String header = encode(Map.of("alg", "HS256", "typ", "JWT"));
        String payload = encode(claims);
        return header + "." + payload + "." + sign(header + "." + payload);
    }

    /** The claims as API Gateway passes them to the function (every value a string), or empty if invalid. */
    Optional<Map<String, String>> verify(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String[] parts = authorizationHeader.substring(7).trim().split("\\.");
        if (parts.length != 3 || !MessageDigest.isEqual(sign(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            Map<String, Object> claims = json.readValue(Base64.getUrlDecoder().decode(parts[1]),
                    Argument.mapOf(String.class, Object.class));
            long now = clock.instant().getEpochSecond();
            if (!ISSUER.equals(claims.get("iss")) || !AUDIENCE.equals(claims.get("aud"))
                    || !(claims.get("exp") instanceof Number exp) || exp.longValue() <= now) {
                return Optional.empty();
            }
            Map<String, String> strings = new LinkedHashMap<>();
            claims.forEach((k, v) -> strings.put(k, String.valueOf(v)));
            return Optional.of(strings);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A sub that stays the same for an email across restarts, so a developer keeps their identity. */
    static String stableSub(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return "user-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String encode(Map<String, Object> value) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

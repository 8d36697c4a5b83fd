package dev.roster.http;

import dev.roster.core.error.RosterException;

/** The list parameters every list route shares: {@code limit} (1 to 100, default 50) and {@code cursor}. */
public final class Paging {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    private Paging() {
    }

    public static int limit(ApiRequest request) {
        String raw = request.query("limit").orElse(null);
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw RosterException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    public static String cursor(ApiRequest request) {
        return request.query("cursor").orElse(null);
    }

    /** Parses an enum query parameter, answering 400 with the allowed values. */
    public static <E extends Enum<E>> E enumParameter(ApiRequest request, String name, Class<E> type) {
        String raw = request.query(name).orElse(null);
        if (raw == null) {
            return null;
        }
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(raw)) {
                return value;
            }
        }
        throw RosterException.invalid(name, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }
}

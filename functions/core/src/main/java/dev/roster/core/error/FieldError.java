package dev.roster.core.error;

/** One invalid input field; {@code field} is a JSON-pointer-like path such as {@code invitations[2].email}. */
public record FieldError(String field, String message) {
}

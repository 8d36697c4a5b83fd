package dev.roster.core.port;

/**
 * A commit was refused because one part's expectation no longer held. {@code current} is that part's item as
 * it is now, mapped to its domain record (an {@code Org}, {@code Member}, {@code Invitation}, {@code EmailClaim},
 * {@code Workspace}, {@code AuditEntry} or {@code UserProfile}; the invite count as an {@code Integer}; a Stripe
 * event's or sole-org claim's id as a {@code String}), or {@code null} when the item does not exist.
 */
public class ChangeRejected extends RuntimeException {

    private final transient Change change;
    private final transient Object current;

    public ChangeRejected(Change change, Object current) {
        super("rejected: " + change.getClass().getSimpleName(), null, false, false);
        this.change = change;
        this.current = current;
    }

    public Change change() {
        return change;
    }

    public Object current() {
        return current;
    }
}

package dev.roster.core.usecase;

import dev.roster.core.domain.EmailAddress;
import dev.roster.core.domain.Member;
import dev.roster.core.error.RosterException;

import java.util.function.Function;

/**
 * One invited address: an invitation issued, a member added at once (when the deployment adds people who already
 * have an account directly), or refused with its own error.
 */
public sealed interface InviteOutcome {

    EmailAddress email();

    /** One function per kind of outcome, so that a caller handles every kind. */
    <R> R map(Function<Issued, R> issued, Function<Added, R> added, Function<Refused, R> refused);

    record Issued(EmailAddress email, IssuedInvitation invitation) implements InviteOutcome {
        @Override
        public <R> R map(Function<Issued, R> issued, Function<Added, R> added, Function<Refused, R> refused) {
            return issued.apply(this);
        }
    }

    record Added(EmailAddress email, Member member) implements InviteOutcome {
        @Override
        public <R> R map(Function<Issued, R> issued, Function<Added, R> added, Function<Refused, R> refused) {
            return added.apply(this);
        }
    }

    record Refused(EmailAddress email, RosterException error) implements InviteOutcome {
        @Override
        public <R> R map(Function<Issued, R> issued, Function<Added, R> added, Function<Refused, R> refused) {
            return refused.apply(this);
        }
    }
}

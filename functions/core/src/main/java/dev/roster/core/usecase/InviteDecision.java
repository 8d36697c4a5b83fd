package dev.roster.core.usecase;

import dev.roster.core.domain.EmailAddress;
import dev.roster.core.domain.EmailClaim;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Plan;
import dev.roster.core.domain.Seats;
import dev.roster.core.domain.UserProfile;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What inviting one address comes to, decided from what the request read and nothing else (no clock, no store, no
 * randomness), so the rules are plain functions. The transaction that carries the decisions out states each rule
 * again as a condition, so a decision made on a stale read fails there and is made again.
 */
sealed interface InviteDecision {

    NewInvitation request();

    /** Seats this decision moves: members added, and pending invitations added (or, superseded, removed). */
    int memberDelta();

    int pendingDelta();

    /** Whether it takes a seat that was free, rather than the seat of the pending invitation it supersedes. */
    default boolean takesFreeSeat() {
        return false;
    }

    /** One function per kind of decision, so that carrying decisions out handles every kind. */
    <R> R map(Function<Issue, R> issue, Function<Add, R> add, Function<Refuse, R> refuse);

    /**
     * An invitation is emailed.
     *
     * @param supersedes the claim of the pending invitation for the same email that this one replaces, or null
     */
    record Issue(NewInvitation request, EmailClaim supersedes) implements InviteDecision {
        @Override
        public <R> R map(Function<Issue, R> issue, Function<Add, R> add, Function<Refuse, R> refuse) {
            return issue.apply(this);
        }

        @Override
        public int memberDelta() {
            return 0;
        }

        @Override
        public int pendingDelta() {
            return supersedes == null ? 1 : 0;
        }

        @Override
        public boolean takesFreeSeat() {
            return supersedes == null;
        }
    }

    /**
     * The address belongs to {@code account}, and the deployment makes such people members at once.
     *
     * @param supersedes the claim of the pending invitation for the same email that the membership replaces, or null
     */
    record Add(NewInvitation request, UserProfile account, EmailClaim supersedes) implements InviteDecision {
        @Override
        public <R> R map(Function<Issue, R> issue, Function<Add, R> add, Function<Refuse, R> refuse) {
            return add.apply(this);
        }

        @Override
        public int memberDelta() {
            return 1;
        }

        @Override
        public int pendingDelta() {
            return supersedes == null ? 0 : -1;
        }

        @Override
        public boolean takesFreeSeat() {
            return supersedes == null;
        }
    }

    /** Nothing happens for this address; the others of the request still go ahead. */
    record Refuse(NewInvitation request, RosterException error) implements InviteDecision {
        @Override
        public <R> R map(Function<Issue, R> issue, Function<Add, R> add, Function<Refuse, R> refuse) {
            return refuse.apply(this);
        }

        @Override
        public int memberDelta() {
            return 0;
        }

        @Override
        public int pendingDelta() {
            return 0;
        }
    }

    /**
     * Decides every request in order; an earlier address's new seat counts against the later ones.
     *
     * @param claims   what each requested email already is in the org, where it is anything
     * @param accounts the accounts of requested emails that are to be added directly, where there are any
     */
    static List<InviteDecision> decideAll(Org org, Plan plan, Map<EmailAddress, EmailClaim> claims,
                                          Map<EmailAddress, UserProfile> accounts, List<NewInvitation> requests) {
        List<InviteDecision> decisions = new ArrayList<>();
        int freeSeatsTaken = 0;
        for (NewInvitation request : requests) {
            InviteDecision decision = decide(org, plan, request, claims.get(request.email()),
                    accounts.get(request.email()), freeSeatsTaken);
            freeSeatsTaken += decision.takesFreeSeat() ? 1 : 0;
            decisions.add(decision);
        }
        return decisions;
    }

    /**
     * @param plan           the plan the org is on
     * @param claim          what the email already is in the org, or null
     * @param account        the email's account when it is to be added directly, or null
     * @param freeSeatsTaken free seats that earlier addresses of the same request take
     */
    static InviteDecision decide(Org org, Plan plan, NewInvitation request, EmailClaim claim, UserProfile account,
                                 int freeSeatsTaken) {
        if (claim != null && claim.state() == EmailClaim.State.MEMBER) {
            return new Refuse(request, new RosterException(ErrorCode.ALREADY_MEMBER,
                    request.email() + " is already a member of this organization."));
        }
        if (claim == null && !org.seats().canAdd(freeSeatsTaken + 1)) {
            return new Refuse(request, seatLimitReached(org, plan));
        }
        return account == null ? new Issue(request, claim) : new Add(request, account, claim);
    }

    /**
     * Where a front end puts its "buy seats" button: whether the plan can buy extra seats, and the org's seats, as
     * members of the problem.
     */
    static RosterException seatLimitReached(Org org, Plan plan) {
        Seats seats = org.seats();
        Map<String, Object> seatsMember = new LinkedHashMap<>();
        seatsMember.put("limit", seats.limit());
        seatsMember.put("used", seats.used());
        seatsMember.put("pending", seats.pending());
        seatsMember.put("available", seats.available());
        return new RosterException(ErrorCode.SEAT_LIMIT_REACHED, "All " + org.seatLimit() + " seats of the "
                + org.plan() + " plan are taken or invited" + (plan.extraSeats() ? "; extra seats can be bought." : "."))
                .with("extraSeatsPurchasable", plan.extraSeats())
                .with("seats", seatsMember);
    }
}

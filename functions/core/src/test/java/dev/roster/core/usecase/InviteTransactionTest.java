package dev.roster.core.usecase;

import dev.roster.core.config.RosterConfig;
import dev.roster.core.config.RosterSettings;
import dev.roster.core.domain.Billing;
import dev.roster.core.domain.Caller;
import dev.roster.core.domain.EmailAddress;
import dev.roster.core.domain.EmailClaim;
import dev.roster.core.domain.InvitationToken;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.MemberStatus;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Role;
import dev.roster.core.domain.UserProfile;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.core.port.Change;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How an invite request's decisions become one transaction, and what each address comes to. */
class InviteTransactionTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:30:00.123Z");
    private static final Org ORG = new Org("org1", "Acme", "STARTER", 0, 5, 2, 1, Billing.none(), "owner1", 0, NOW);
    private static final Caller CALLER = new Caller("owner1", "olga@example.com", "Olga", true);
    private static final Member INVITER = new Member("org1", "Acme", "owner1", new EmailAddress("olga@example.com"),
            null, Role.OWNER, List.of(), List.of(), MemberStatus.ACTIVE, NOW, null, null, NOW, null, 1);
    private static final InviteTransaction.Inviting INVITING =
            new InviteTransaction.Inviting(CALLER, INVITER, ORG, NOW, "req1");

    private static RosterSettings settings(boolean oneOrgPerUser) {
        RosterConfig config = new RosterConfig();
        config.setTable("roster");
        config.setMailFrom("no-reply@roster.test");
        config.setBaseUrl("https://app.roster.test");
        config.setOneOrgPerUser(Boolean.toString(oneOrgPerUser));
        return new RosterSettings(config, JsonMapper.createDefault());
    }

    private static NewInvitation request(String email, String... workspaceIds) {
        return new NewInvitation(new EmailAddress(email), Role.MEMBER, List.of(workspaceIds), List.of("crm"));
    }

    private static List<Class<?>> kinds(InviteTransaction transaction) {
        return transaction.changes().stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void authorityComesFirstThenSeatsAndTheDaysEmailsThenEachAddressThenTheWorkspacesGranted() {
        EmailClaim pending = EmailClaim.invited("org1", new EmailAddress("u@example.com"), "inv-old");
        UserProfile account = new UserProfile("user-u", new EmailAddress("u@example.com"), "Uma", NOW);
        InviteTransaction transaction = InviteTransaction.of(List.of(
                new InviteDecision.Issue(request("a@example.com", "ws1"), null),
                new InviteDecision.Add(request("u@example.com", "ws1", "ws2"), account, pending),
                new InviteDecision.Refuse(request("r@example.com", "ws3"),
                        new RosterException(ErrorCode.SEAT_LIMIT_REACHED, "full"))), INVITING, settings(false));

        assertEquals(List.of(Change.RequireMember.class, Change.AdjustSeats.class, Change.CountInvites.class,
                Change.PutInvitation.class, Change.PutEmailClaim.class, Change.PutAudit.class,
                Change.SupersedeInvitation.class, Change.PutMember.class, Change.PutEmailClaim.class, Change.PutAudit.class,
                Change.RequireWorkspace.class, Change.RequireWorkspace.class), kinds(transaction));
        assertEquals(new Change.RequireMember("org1", "owner1", Role.MANAGERS, NOW), transaction.changes().get(0));
        assertEquals(new Change.AdjustSeats("org1", 1, 0, ORG), transaction.changes().get(1),
                "a free seat is taken, so the seat limit guards the write");
        assertEquals(new Change.CountInvites("org1", LocalDate.of(2026, 3, 1), 1, 50), transaction.changes().get(2));
        assertEquals(new Change.SupersedeInvitation("org1", "inv-old", NOW), transaction.changes().get(6));
        assertEquals(List.of(new Change.RequireWorkspace("org1", "ws1"), new Change.RequireWorkspace("org1", "ws2")),
                transaction.changes().subList(10, 12), "a refused address grants nothing");
        assertEquals(1, transaction.emails());
    }

    @Test
    void eachAddressComesToItsOutcomeInOrderWithTheLinkAndItsTokensHash() {
        UserProfile account = new UserProfile("user-u", new EmailAddress("u@example.com"), "Uma", NOW);
        RosterException full = new RosterException(ErrorCode.SEAT_LIMIT_REACHED, "full");
        InviteTransaction transaction = InviteTransaction.of(List.of(
                new InviteDecision.Issue(request("a@example.com"), null),
                new InviteDecision.Add(request("u@example.com"), account, null),
                new InviteDecision.Refuse(request("r@example.com"), full)), INVITING, settings(false));

        InviteOutcome.Issued issued = assertInstanceOf(InviteOutcome.Issued.class, transaction.outcomes().get(0));
        String url = issued.invitation().inviteUrl();
        assertTrue(url.startsWith("https://app.roster.test/invitations/"), url);
        assertEquals(InvitationToken.hash(url.substring(url.lastIndexOf('/') + 1)),
                issued.invitation().invitation().tokenHash());
        assertEquals("Olga", issued.invitation().invitation().invitedByName(),
                "an inviter whose membership has no name is shown by the name their sign-in carries");
        InviteOutcome.Added added = assertInstanceOf(InviteOutcome.Added.class, transaction.outcomes().get(1));
        assertEquals("user-u", added.member().userId());
        assertNull(added.member().lastSeenAt());
        assertSame(full, assertInstanceOf(InviteOutcome.Refused.class, transaction.outcomes().get(2)).error());
        assertEquals(List.of("a@example.com", "u@example.com", "r@example.com"),
                transaction.outcomes().stream().map(o -> o.email().value()).toList());
    }

    @Test
    void supersedingOnlyMovesNoSeatAndStillCountsTheEmail() {
        EmailClaim pending = EmailClaim.invited("org1", new EmailAddress("p@example.com"), "inv-old");
        InviteTransaction transaction = InviteTransaction.of(
                List.of(new InviteDecision.Issue(request("p@example.com"), pending)), INVITING, settings(false));
        assertEquals(List.of(Change.RequireMember.class, Change.CountInvites.class, Change.SupersedeInvitation.class,
                Change.PutInvitation.class, Change.PutEmailClaim.class, Change.PutAudit.class), kinds(transaction));
        assertEquals(new Change.PutEmailClaim(EmailClaim.invited("org1", new EmailAddress("p@example.com"),
                ((Change.PutInvitation) transaction.changes().get(3)).invitation().id()), pending),
                transaction.changes().get(4), "the new claim replaces exactly the claim that was read");
    }

    @Test
    void addingIntoAPendingInvitationsSeatNeedsNoSeatGuardAndClaimsTheSoleOrgWhereThatIsThePolicy() {
        EmailClaim pending = EmailClaim.invited("org1", new EmailAddress("u@example.com"), "inv-old");
        UserProfile account = new UserProfile("user-u", new EmailAddress("u@example.com"), "Uma", NOW);
        InviteTransaction transaction = InviteTransaction.of(
                List.of(new InviteDecision.Add(request("u@example.com"), account, pending)), INVITING, settings(true));
        assertEquals(new Change.AdjustSeats("org1", 1, -1, null), transaction.changes().get(1));
        assertTrue(transaction.changes().contains(new Change.ClaimSoleOrg("user-u", "org1")));
        assertFalse(kinds(transaction).contains(Change.CountInvites.class), "nobody is emailed");
        assertEquals(0, transaction.emails());
    }

    @Test
    void onlyRefusalsLeaveNothingToWrite() {
        RosterException member = new RosterException(ErrorCode.ALREADY_MEMBER, "member");
        List<InviteDecision> refusals = List.of(new InviteDecision.Refuse(request("m@example.com"), member));
        assertTrue(InviteTransaction.nothingToDo(refusals));
        assertFalse(InviteTransaction.nothingToDo(List.of(new InviteDecision.Issue(request("a@example.com"), null))));
    }
}

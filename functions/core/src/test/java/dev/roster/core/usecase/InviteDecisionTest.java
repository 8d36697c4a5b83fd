package dev.roster.core.usecase;

import dev.roster.core.domain.Billing;
import dev.roster.core.domain.EmailAddress;
import dev.roster.core.domain.EmailClaim;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Plan;
import dev.roster.core.domain.Role;
import dev.roster.core.domain.UserProfile;
import dev.roster.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of inviting one address, as pure functions of what the request read. */
class InviteDecisionTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");
    private static final Plan STARTER = new Plan("STARTER", 5, true, false, 10, false);
    private static final Plan PRO = new Plan("PRO", 10, true, true, 10, false);

    private static Org org(Integer seatLimit, int seatsUsed) {
        return new Org("org1", "Acme", "STARTER", 0, seatLimit, seatsUsed, 0, Billing.none(), "owner1", 0, NOW);
    }

    private static NewInvitation request(String email) {
        return new NewInvitation(new EmailAddress(email), Role.MEMBER, List.of(), List.of());
    }

    private static EmailClaim pending(String email) {
        return EmailClaim.invited("org1", new EmailAddress(email), "inv-" + email);
    }

    private static UserProfile account(String email) {
        return new UserProfile("user-" + email, new EmailAddress(email), "Someone", NOW);
    }

    private static ErrorCode refusedWith(InviteDecision decision) {
        return assertInstanceOf(InviteDecision.Refuse.class, decision).error().code();
    }

    @Test
    void aNewAddressIsIssuedAnInvitationThatTakesAFreeSeat() {
        InviteDecision decision = InviteDecision.decide(org(5, 1), STARTER, request("a@example.com"), null, null, 0);
        InviteDecision.Issue issue = assertInstanceOf(InviteDecision.Issue.class, decision);
        assertNull(issue.supersedes());
        assertTrue(issue.takesFreeSeat());
        assertEquals(0, issue.memberDelta());
        assertEquals(1, issue.pendingDelta());
    }

    @Test
    void aMembersAddressIsRefusedAsAlreadyAMemberWhateverTheSeats() {
        EmailClaim member = EmailClaim.member("org1", new EmailAddress("m@example.com"), "user-m");
        assertEquals(ErrorCode.ALREADY_MEMBER, refusedWith(InviteDecision.decide(org(5, 1), STARTER, request("m@example.com"),
                member, account("m@example.com"), 0)));
        assertEquals(ErrorCode.ALREADY_MEMBER, refusedWith(InviteDecision.decide(org(1, 1), STARTER, request("m@example.com"),
                member, null, 0)));
    }

    @Test
    void reInvitingAPendingAddressSupersedesItsInvitationInItsOwnSeatEvenWhenAllAreTaken() {
        EmailClaim claim = pending("p@example.com");
        InviteDecision.Issue issue = assertInstanceOf(InviteDecision.Issue.class,
                InviteDecision.decide(org(5, 5), STARTER, request("p@example.com"), claim, null, 0));
        assertEquals(claim, issue.supersedes());
        assertFalse(issue.takesFreeSeat());
        assertEquals(0, issue.pendingDelta());
    }

    @Test
    void aNewAddressIsRefusedWhenNoSeatIsLeftCountingThoseTakenEarlierInTheRequest() {
        InviteDecision refused = InviteDecision.decide(org(5, 4), STARTER, request("b@example.com"), null, null, 1);
        assertEquals(ErrorCode.SEAT_LIMIT_REACHED, refusedWith(refused));
        assertEquals("All 5 seats of the STARTER plan are taken or invited.",
                ((InviteDecision.Refuse) refused).error().getMessage());
        assertFalse(refused.takesFreeSeat());
    }

    @Test
    void aRefusalForWantOfSeatsSaysWhetherSeatsCanBeBoughtAndWhatTheSeatsAre() {
        InviteDecision.Refuse onPro = (InviteDecision.Refuse) InviteDecision.decide(org(10, 10), PRO,
                request("c@example.com"), null, null, 0);
        assertEquals(Map.of("extraSeatsPurchasable", true,
                "seats", Map.of("limit", 10, "used", 10, "pending", 0, "available", 0)), onPro.error().extensions());
        assertTrue(onPro.error().getMessage().endsWith("; extra seats can be bought."), onPro.error().getMessage());
        InviteDecision.Refuse onStarter = (InviteDecision.Refuse) InviteDecision.decide(org(5, 5), STARTER,
                request("c@example.com"), null, null, 0);
        assertEquals(false, onStarter.error().extensions().get("extraSeatsPurchasable"));
    }

    @Test
    void anUnlimitedPlanNeverRunsOutOfSeats() {
        assertInstanceOf(InviteDecision.Issue.class, InviteDecision.decide(org(null, 500), STARTER, request("a@example.com"),
                null, null, 99));
    }

    @Test
    void anAddressWithAnAccountToAddDirectlyBecomesAMember() {
        InviteDecision.Add add = assertInstanceOf(InviteDecision.Add.class,
                InviteDecision.decide(org(5, 1), STARTER, request("u@example.com"), null, account("u@example.com"), 0));
        assertEquals("user-u@example.com", add.account().userId());
        assertTrue(add.takesFreeSeat());
        assertEquals(1, add.memberDelta());
        assertEquals(0, add.pendingDelta());
    }

    @Test
    void addingSomeoneWithAPendingInvitationMovesItsSeatFromPendingToMember() {
        EmailClaim claim = pending("u@example.com");
        InviteDecision.Add add = assertInstanceOf(InviteDecision.Add.class,
                InviteDecision.decide(org(5, 5), STARTER, request("u@example.com"), claim, account("u@example.com"), 0));
        assertEquals(claim, add.supersedes());
        assertFalse(add.takesFreeSeat());
        assertEquals(1, add.memberDelta());
        assertEquals(-1, add.pendingDelta());
    }

    @Test
    void aRequestIsDecidedInOrderAndARefusalTakesNoSeat() {
        List<InviteDecision> decisions = InviteDecision.decideAll(org(5, 3), STARTER,
                Map.of(new EmailAddress("p@example.com"), pending("p@example.com")), Map.of(),
                List.of(request("a@example.com"), request("b@example.com"), request("c@example.com"),
                        request("p@example.com")));
        assertInstanceOf(InviteDecision.Issue.class, decisions.get(0));
        assertInstanceOf(InviteDecision.Issue.class, decisions.get(1));
        assertEquals(ErrorCode.SEAT_LIMIT_REACHED, refusedWith(decisions.get(2)));
        assertInstanceOf(InviteDecision.Issue.class, decisions.get(3), "a superseding invitation needs no free seat");
        assertEquals(List.of("a@example.com", "b@example.com", "c@example.com", "p@example.com"),
                decisions.stream().map(d -> d.request().email().value()).toList());
    }
}

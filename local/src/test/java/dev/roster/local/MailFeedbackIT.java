package dev.roster.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * SES's bounce and complaint events, delivered to the mail-feedback function as its EventBridge rule would (through
 * {@code POST /_local/ses-feedback}), mark the invitation whose email caused them; resending is refused until the
 * address is invited again.
 */
class MailFeedbackIT {

    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(Map.of("ROSTER_RESEND_COOLDOWN", "PT0S"));

    @Test
    void aBouncedInvitationShowsBouncedAndIsNotResentUntilTheAddressIsInvitedAgain() {
        ApiClient api = stack.api();
        Fixture fx = stack.fixture();
        Fixture.Org org = fx.org("STARTER", 0);
        String email = Fixture.uniqueEmail("nobody");
        String id = fx.invite(org, org.owner(), email, "MEMBER").str("invitation.id");

        assertEquals(204, api.post("/_local/ses-feedback", null, Map.of("email", email, "type", "Bounce")).status());

        assertEquals("BOUNCED", invitation(fx, org, id).get("emailStatus"));
        ApiClient.Res members = api.get("/orgs/" + org.id() + "/members?include=invitations", org.owner());
        assertEquals(200, members.status(), members::toString);
        assertEquals("BOUNCED", members.list("items").stream().map(Map.class::cast)
                .filter(m -> id.equals(m.get("invitationId"))).findFirst().orElseThrow().get("emailStatus"));
        ApiClient.Res resend = api.post("/orgs/" + org.id() + "/invitations/" + id + "/resend", org.owner(), (String) null);
        assertEquals(409, resend.status(), resend::toString);
        assertEquals("EMAIL_UNDELIVERABLE", resend.str("code"));
        var audit = AuditLog.entries(stack.local(), org.id(), "invitation.bounced");
        assertEquals(1, audit.size());
        assertEquals("system:mail-feedback", audit.get(0).get("actor").s());
        assertEquals("invitation:" + id, audit.get(0).get("target").s());

        ApiClient.Res again = fx.invite(org, org.owner(), email, "MEMBER");
        assertEquals(201, again.status(), again::toString);
        assertEquals("SENT", again.str("invitation.emailStatus"));
        String newId = again.str("invitation.id");
        assertNotEquals(id, newId);
        assertEquals("SUPERSEDED", invitation(fx, org, id).get("status"));
        assertEquals(200, api.post("/orgs/" + org.id() + "/invitations/" + newId + "/resend", org.owner(),
                (String) null).status());
    }

    @Test
    void aComplaintFoundByMessageIdShowsComplainedAndTheSameEventTwiceIsRecordedOnce() {
        ApiClient api = stack.api();
        Fixture fx = stack.fixture();
        Fixture.Org org = fx.org("STARTER", 0);
        String email = Fixture.uniqueEmail("annoyed");
        String id = fx.invite(org, org.owner(), email, "VIEWER").str("invitation.id");
        List<Mailbox.Message> sent = Mailbox.to(stack.local().mailDirectory(), email);
        String messageId = sent.get(sent.size() - 1).file().getFileName().toString();

        for (int i = 0; i < 2; i++) {
            assertEquals(204, api.post("/_local/ses-feedback", null,
                    Map.of("messageId", messageId, "type", "Complaint")).status());
        }

        assertEquals("COMPLAINED", invitation(fx, org, id).get("emailStatus"));
        assertEquals(1, AuditLog.entries(stack.local(), org.id(), "invitation.bounced").size());
    }

    @Test
    void feedbackOnAnEmailThatIsNoInvitationChangesNothing() {
        ApiClient api = stack.api();
        Fixture fx = stack.fixture();
        Fixture.Org org = fx.org("STARTER", 0);
        fx.member(org, "joiner", "MEMBER");

        // The owner was told that the invitee joined: that email carries no invitation.
        assertEquals(204, api.post("/_local/ses-feedback", null,
                Map.of("email", org.owner().email(), "type", "Bounce")).status());

        assertEquals(List.of(), AuditLog.entries(stack.local(), org.id(), "invitation.bounced"));
    }

    @Test
    void feedbackForAMessageTheLocalMailerNeverWroteIsRefused() {
        ApiClient.Res res = stack.api().post("/_local/ses-feedback", null,
                Map.of("messageId", "no-such-message.eml", "type", "Bounce"));

        assertEquals(400, res.status(), res::toString);
        assertEquals("VALIDATION_FAILED", res.str("code"));
    }

    private static Map<?, ?> invitation(Fixture fx, Fixture.Org org, String id) {
        return fx.invitations(org, "").stream().map(Map.class::cast).filter(i -> id.equals(i.get("id")))
                .findFirst().orElseThrow();
    }
}

package dev.roster.core.mail;

import java.util.Map;
import java.util.Optional;

/**
 * The message tags an invitation email carries. SES returns them with every event about the message, so a bounce
 * or a complaint names its invitation without a lookup by message id (and without a write after each send).
 */
public final class MailTags {

    public static final String ORG = "roster-org";
    public static final String INVITATION = "roster-invitation";

    private MailTags() {
    }

    /** Which invitation an email was for. */
    public record InvitationRef(String orgId, String invitationId) {
    }

    public static Map<String, String> invitation(String orgId, String invitationId) {
        return Map.of(ORG, orgId, INVITATION, invitationId);
    }

    /** The invitation named by an event's tags, if the email was an invitation. */
    public static Optional<InvitationRef> invitation(Map<String, String> tags) {
        String orgId = tags.get(ORG);
        String invitationId = tags.get(INVITATION);
        return orgId == null || invitationId == null ? Optional.empty()
                : Optional.of(new InvitationRef(orgId, invitationId));
    }
}

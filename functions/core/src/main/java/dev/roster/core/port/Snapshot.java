package dev.roster.core.port;

import dev.roster.core.domain.EmailAddress;
import dev.roster.core.domain.EmailClaim;
import dev.roster.core.domain.Invitation;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.Workspace;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What one read of an org returned: everything a use case needs before it decides, in one round trip. */
public record Snapshot(Optional<Org> org, Optional<Member> caller, Map<EmailAddress, EmailClaim> emailClaims,
                       Map<String, Workspace> workspaces, Optional<Invitation> invitation, Optional<Member> member) {

    /**
     * What to read about one org. Emails, workspaces, the invitation and the member are optional extras.
     */
    public record Request(String orgId, String callerId, Set<EmailAddress> emails, Set<String> workspaceIds,
                          String invitationId, String memberUserId) {

        public static Request of(String orgId, String callerId) {
            return new Request(orgId, callerId, Set.of(), Set.of(), null, null);
        }

        /** The org alone, for changes made by the system rather than a member. */
        public static Request orgOnly(String orgId) {
            return of(orgId, null);
        }

        public Request withEmails(Set<EmailAddress> value) {
            return new Request(orgId, callerId, value, workspaceIds, invitationId, memberUserId);
        }

        public Request withWorkspaces(Set<String> value) {
            return new Request(orgId, callerId, emails, value, invitationId, memberUserId);
        }

        public Request withInvitation(String value) {
            return new Request(orgId, callerId, emails, workspaceIds, value, memberUserId);
        }

        public Request withMember(String value) {
            return new Request(orgId, callerId, emails, workspaceIds, invitationId, value);
        }
    }
}

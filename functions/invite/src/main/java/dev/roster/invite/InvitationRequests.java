package dev.roster.invite;

import dev.roster.core.domain.EmailAddress;
import dev.roster.core.domain.Role;
import dev.roster.core.usecase.NewInvitation;
import dev.roster.http.JsonInput;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The shape of invitation requests: one invitation, or {@code {"invitations": [up to 10]}}. */
final class InvitationRequests {

    static final Set<String> ITEM_FIELDS = Set.of("email", "role", "workspaceIds", "permissions");
    static final Set<String> ALL_FIELDS = Set.of("email", "role", "workspaceIds", "permissions", "invitations");
    static final int MAX_BULK = 10;

    private InvitationRequests() {
    }

    static boolean isBulk(JsonInput input) {
        return input.has("invitations");
    }

    static List<NewInvitation> read(JsonInput input, boolean bulk) {
        if (bulk) {
            ITEM_FIELDS.stream().filter(input::has).sorted()
                    .forEach(field -> input.reject(field, "goes inside each item of invitations, not beside it"));
        }
        List<NewInvitation> result = bulk
                ? input.objects("invitations", 1, MAX_BULK, ITEM_FIELDS, InvitationRequests::item)
                : List.of(item(input));
        input.done();
        return result;
    }

    private static NewInvitation item(JsonInput input) {
        String rawEmail = input.string("email", true, 320);
        EmailAddress email = null;
        if (rawEmail != null) {
            email = EmailAddress.parse(rawEmail).orElse(null);
            if (email == null) {
                input.reject("email", "must be an email address of at most 254 characters, 64 of them before the @");
            }
        }
        String rawRole = input.string("role", true, 20);
        Role role = null;
        if (rawRole != null) {
            try {
                role = Role.valueOf(rawRole.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                input.reject("role", "must be one of ADMIN, MEMBER, VIEWER");
            }
        }
        List<String> workspaceIds = input.strings("workspaceIds", 50, 64);
        List<String> permissions = input.strings("permissions", 50, 40);
        return new NewInvitation(email, role, workspaceIds, permissions);
    }
}

package dev.roster.http;

import dev.roster.core.domain.Caller;
import dev.roster.core.domain.Ids;
import dev.roster.core.domain.InvitationToken;
import dev.roster.core.error.NotFound;
import dev.roster.core.error.RosterException;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The request parameters that name one of Roster's ids: what such an id can look like, and the "not found" of its
 * kind. They are checked where a request enters ({@link ApiRouter} for every path parameter, {@link
 * ApiRequest#queryId} for the query), so an id that cannot be ours (2,000 characters, which DynamoDB would refuse
 * as a key, or characters no id has) never reaches a use case. Such an id names nothing: it is answered with the
 * same 404 as an id looked up in vain, never a 400, so the two cannot be told apart.
 */
public enum IdParameter {
    ORG_ID("orgId", Ids::isPossible, NotFound::org),
    USER_ID("userId", Caller::isPossibleUserId, NotFound::member),
    INVITATION_ID("invitationId", Ids::isPossible, NotFound::invitation),
    WORKSPACE_ID("workspaceId", Ids::isPossible, NotFound::workspace),
    /** The raw token of an invite link: base64url of 32 bytes. */
    TOKEN("token", InvitationToken::isWellFormed, NotFound::invitationLink);

    private final String parameterName;
    private final Predicate<String> possible;
    private final Supplier<RosterException> notFound;

    IdParameter(String parameterName, Predicate<String> possible, Supplier<RosterException> notFound) {
        this.parameterName = parameterName;
        this.possible = possible;
        this.notFound = notFound;
    }

    /** The parameter as template.yaml's paths and the query string spell it, e.g. {@code orgId}. */
    public String parameterName() {
        return parameterName;
    }

    public static Optional<IdParameter> named(String parameterName) {
        return Arrays.stream(values()).filter(p -> p.parameterName.equals(parameterName)).findFirst();
    }

    /** @return {@code value} if it could be such an id; otherwise throws that id's "not found" */
    public String require(String value) {
        if (!possible.test(value)) {
            throw notFound.get();
        }
        return value;
    }
}

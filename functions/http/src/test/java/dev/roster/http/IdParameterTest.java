package dev.roster.http;

import dev.roster.core.domain.Ids;
import dev.roster.core.domain.InvitationToken;
import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.NotFound;
import dev.roster.core.error.RosterException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdParameterTest {

    @Test
    void idsWeGenerateAndTokensWeIssuePass() {
        String id = Ids.newId(Instant.now());
        assertEquals(id, IdParameter.ORG_ID.require(id));
        assertEquals(id, IdParameter.INVITATION_ID.require(id));
        assertEquals(id, IdParameter.WORKSPACE_ID.require(id));
        assertEquals("3f0c3e8d-7b10-4f0e-9a51-c4f1d2e05b7a", IdParameter.USER_ID.require("3f0c3e8d-7b10-4f0e-9a51-c4f1d2e05b7a"));
        String token = InvitationToken.generate().raw();
        assertEquals(token, IdParameter.TOKEN.require(token));
    }

    @Test
    void anIdThatCannotBeOursIsTheSameNotFoundAsAnIdLookedUpInVain() {
        Map<IdParameter, Supplier<RosterException>> lookedUpInVain = Map.of(
                IdParameter.ORG_ID, NotFound::org, IdParameter.USER_ID, NotFound::member,
                IdParameter.INVITATION_ID, NotFound::invitation, IdParameter.WORKSPACE_ID, NotFound::workspace,
                IdParameter.TOKEN, NotFound::invitationLink);
        for (IdParameter parameter : IdParameter.values()) {
            for (String impossible : new String[]{"A".repeat(2000), "", "a b", "x\u0000", "\u00e9"}) {
                RosterException refused = assertThrows(RosterException.class, () -> parameter.require(impossible),
                        parameter + " " + impossible);
                RosterException vain = lookedUpInVain.get(parameter).get();
                assertEquals(vain.code(), refused.code(), parameter.name());
                assertEquals(vain.getMessage(), refused.getMessage(), parameter.name());
                assertEquals(404, refused.code().status());
            }
        }
    }

    @Test
    void aTokenOfAnyOtherLengthOrAlphabetIsTheIndistinguishableInvitationNotFound() {
        for (String token : new String[]{"A".repeat(42), "A".repeat(44), "=".repeat(43), "A".repeat(42) + "+"}) {
            assertEquals(ErrorCode.INVITATION_NOT_FOUND,
                    assertThrows(RosterException.class, () -> IdParameter.TOKEN.require(token)).code());
        }
    }

    @Test
    void parametersAreFoundByTheNameTemplateYamlGivesThem() {
        assertEquals(IdParameter.WORKSPACE_ID, IdParameter.named("workspaceId").orElseThrow());
        assertEquals(IdParameter.TOKEN, IdParameter.named("token").orElseThrow());
    }
}

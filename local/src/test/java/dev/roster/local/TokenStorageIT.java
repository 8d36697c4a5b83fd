package dev.roster.local;

import dev.roster.core.domain.InvitationToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Raw invitation tokens live only in the link and the email: the table holds their SHA-256. */
class TokenStorageIT {

    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(Map.of("ROSTER_RESEND_COOLDOWN", "PT0S"));
    private final ApiClient api = stack.api();
    private final Fixture fx = stack.fixture();

    @Test
    void noStoredItemContainsARawTokenOnlyItsHash() {
        Fixture.Org org = fx.org("STARTER", 0);
        List<String> tokens = new ArrayList<>();
        ApiClient.Res first = fx.invite(org, org.owner(), Fixture.uniqueEmail("a"), "MEMBER");
        tokens.add(Fixture.token(first));
        tokens.add(Fixture.token(api.post("/orgs/" + org.id() + "/invitations/" + first.str("invitation.id") + "/resend",
                org.owner(), (String) null)));
        ApiClient.User ivan = fx.user("ivan");
        String accepted = fx.invited(org, ivan.email(), "MEMBER");
        tokens.add(accepted);
        api.post("/invitations/" + accepted + "/accept", ivan, (String) null);

        for (String token : tokens) {
            assertEquals(32, Base64.getUrlDecoder().decode(token).length);
        }
        DynamoDbClient dynamo = stack.local().context().getBean(DynamoDbClient.class);
        String table = stack.local().context().getBean(dev.roster.core.config.RosterSettings.class).table();
        List<Map<String, AttributeValue>> items = dynamo.scanPaginator(b -> b.tableName(table)).items().stream().toList();
        assertTrue(items.size() > 5);
        String everything = items.toString();
        for (String token : tokens) {
            assertFalse(everything.contains(token), "raw token stored");
            assertFalse(everything.contains(token.substring(0, 20)), "part of a raw token stored");
        }
        assertTrue(everything.contains(InvitationToken.hash(tokens.get(2))), "the hash is what is stored");
    }
}

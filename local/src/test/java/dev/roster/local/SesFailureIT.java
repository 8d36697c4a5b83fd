package dev.roster.local;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.roster.core.config.RosterConfig;
import dev.roster.core.config.RosterSettings;
import dev.roster.aws.ses.SesMailer;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With SES (WireMock speaking its protocol) refusing the message, the invitation still stands. */
class SesFailureIT {

    @RegisterExtension
    static final LocalStack stacks = LocalStack.forEachTest();

    @Test
    void aFailedSendLeavesTheInvitationCreatedSaysFailedAndStillReturnsTheLink() throws Exception {
        WireMockServer ses = new WireMockServer(options().dynamicPort());
        ses.start();
        ses.stubFor(post(urlEqualTo("/v2/email/outbound-emails")).willReturn(aResponse().withStatus(400)
                .withHeader("x-amzn-ErrorType", "MessageRejected")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Email address is not verified.\"}")));
        RosterConfig config = new RosterConfig();
        config.setTable("unused");
        config.setMailFrom("no-reply@roster.test");
        config.setBaseUrl("https://app.roster.test");
        SesV2Client client = SesV2Client.builder().endpointOverride(URI.create(ses.baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        SesMailer mailer = new SesMailer(client, new RosterSettings(config, JsonMapper.createDefault()), Clock.systemUTC());

        stacks.closing(ses::stop, client);
        LocalStack.Running stack = stacks.start(Map.of(), mailer);
        ApiClient api = stack.api();
        Fixture fx = stack.fixture();
        Fixture.Org org = fx.org("STARTER", 0);

        ApiClient.Res res = fx.invite(org, org.owner(), Fixture.uniqueEmail("unlucky"), "MEMBER");

        assertEquals(201, res.status(), res::toString);
        assertEquals("FAILED", res.str("invitation.emailStatus"));
        assertTrue(res.str("inviteUrl").contains("/invitations/"));
        assertEquals("FAILED", ((Map<?, ?>) fx.invitations(org, "").get(0)).get("emailStatus"));
        assertEquals(200, api.get("/invitations/" + Fixture.token(res), null).status());
        assertEquals(2, fx.org(org).num("seats.used"));
        ses.verify(1, postRequestedFor(urlEqualTo("/v2/email/outbound-emails")));
    }
}

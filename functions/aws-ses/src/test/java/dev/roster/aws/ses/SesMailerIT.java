package dev.roster.aws.ses;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.roster.core.config.RosterConfig;
import dev.roster.core.config.RosterSettings;
import dev.roster.core.mail.MailDeliveryException;
import dev.roster.core.mail.MimeMessage;
import dev.roster.core.mail.OutgoingEmail;
import dev.roster.core.mail.RosterEmails;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SES v2 adapter against WireMock speaking SES's REST protocol, through the real SDK client. */
class SesMailerIT {

    private static final String PATH = "/v2/email/outbound-emails";

    private WireMockServer ses;
    private SesV2Client client;
    private SesMailer mailer;

    @BeforeEach
    void start() {
        ses = new WireMockServer(options().dynamicPort());
        ses.start();
        client = SesV2Client.builder().endpointOverride(URI.create(ses.baseUrl())).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        RosterConfig config = new RosterConfig();
        config.setTable("t");
        config.setMailFrom("no-reply@roster.test");
        config.setBaseUrl("https://app.roster.test");
        config.setSesConfigurationSet("roster-events");
        mailer = new SesMailer(client, new RosterSettings(config, JsonMapper.createDefault()),
                Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        client.close();
        ses.stop();
    }

    @Test
    void sendsTheRenderedMimeMessageAsRawContentToTheRecipient() throws Exception {
        ses.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"MessageId\":\"0100-abc\"}")));
        OutgoingEmail email = RosterEmails.invitation(MimeMessage.address("Acme <b> via Roster", "no-reply@roster.test"),
                "ivan@example.com", "Acme <b>", "Olivia", "MEMBER", "https://app.roster.test/invitations/TOKEN",
                Instant.parse("2026-11-29T10:00:00Z"), false);

        String id = mailer.send(email);

        assertEquals("0100-abc", id);
        ses.verify(1, postRequestedFor(urlEqualTo(PATH)));
        LoggedRequest request = ses.findAll(postRequestedFor(urlEqualTo(PATH))).get(0);
        assertTrue(request.getHeader("Authorization").startsWith("AWS4-HMAC-SHA256"));
        Map<String, Object> body = JsonMapper.createDefault().readValue(request.getBodyAsString(),
                Argument.mapOf(String.class, Object.class));
        assertEquals("\"Acme <b> via Roster\" <no-reply@roster.test>", body.get("FromEmailAddress"));
        assertEquals(List.of("ivan@example.com"), ((Map<?, ?>) body.get("Destination")).get("ToAddresses"));
        assertEquals("roster-events", body.get("ConfigurationSetName"));
        String raw = new String(Base64.getDecoder().decode(
                (String) ((Map<?, ?>) ((Map<?, ?>) body.get("Content")).get("Raw")).get("Data")), StandardCharsets.US_ASCII);
        assertTrue(raw.contains("To: ivan@example.com\r\n"), raw);
        assertTrue(raw.contains("Subject: Olivia invited you to join Acme <b> on Roster\r\n"), raw);
        assertTrue(raw.contains("Content-Type: text/plain; charset=UTF-8"));
        assertTrue(raw.contains("Content-Type: text/html; charset=UTF-8"));
        String decoded = decodeParts(raw);
        assertTrue(decoded.contains("https://app.roster.test/invitations/TOKEN"));
        assertTrue(decoded.contains("Acme &lt;b&gt;"), "the org name is escaped in HTML");
        assertFalse(decoded.contains("<strong>Acme <b></strong>"));
    }

    @Test
    void anInvitationsTagsTravelWithTheMessageSoItsBounceNamesTheInvitation() throws Exception {
        ses.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"MessageId\":\"0100-tagged\"}")));
        OutgoingEmail email = RosterEmails.invitation("no-reply@roster.test", "ivan@example.com", "Acme", "Olivia",
                "MEMBER", "https://app.roster.test/invitations/TOKEN", Instant.parse("2026-11-29T10:00:00Z"), false)
                .withTags(dev.roster.core.mail.MailTags.invitation("01JDORG", "01JDINV"));

        mailer.send(email);

        Map<String, Object> body = JsonMapper.createDefault().readValue(
                ses.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getBodyAsString(), Argument.mapOf(String.class, Object.class));
        assertEquals(java.util.Set.of(Map.of("Name", "roster-org", "Value", "01JDORG"),
                Map.of("Name", "roster-invitation", "Value", "01JDINV")),
                new java.util.HashSet<>((List<?>) body.get("EmailTags")));
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> everyEmail() {
        String hostile = "<img src=x onerror=alert(1)> & Sons";
        String from = MimeMessage.address(hostile + " via Roster", "no-reply@roster.test");
        Instant at = Instant.parse("2026-11-29T10:00:00Z");
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("invitation", RosterEmails.invitation(from, "ivan@example.com",
                        hostile, "Olivia", "MEMBER", "https://app.roster.test/invitations/T1", at, false),
                        "Olivia invited you to join", "https://app.roster.test/invitations/T1"),
                org.junit.jupiter.params.provider.Arguments.of("re-sent invitation", RosterEmails.invitation(from,
                        "ivan@example.com", hostile, "Olivia", "VIEWER", "https://app.roster.test/invitations/T2", at, true),
                        "Reminder: Olivia invited you to join", "https://app.roster.test/invitations/T2"),
                org.junit.jupiter.params.provider.Arguments.of("accepted", RosterEmails.accepted(from, "olivia@example.com",
                        hostile, "Ivan", "ivan@example.com", "MEMBER", "https://app.roster.test/orgs/O1/members"),
                        "Ivan (ivan@example.com) joined", "https://app.roster.test/orgs/O1/members"),
                org.junit.jupiter.params.provider.Arguments.of("expired", RosterEmails.expired(from, "olivia@example.com",
                        hostile, List.of(new RosterEmails.Expired("ivan@example.com", "MEMBER", at),
                                new RosterEmails.Expired("rita@example.com", "ADMIN", at)),
                        "https://app.roster.test/orgs/O1/invitations"),
                        "2 of your invitations to", "https://app.roster.test/orgs/O1/invitations"),
                org.junit.jupiter.params.provider.Arguments.of("role changed", RosterEmails.roleChanged(from, "ivan@example.com",
                        hostile, "Olivia", "VIEWER", "ADMIN", "https://app.roster.test/orgs/O1"),
                        "Your role in", "https://app.roster.test/orgs/O1"),
                org.junit.jupiter.params.provider.Arguments.of("removed", RosterEmails.removed(from, "ivan@example.com",
                        hostile, "Olivia", "https://app.roster.test/"),
                        "You were removed from", "https://app.roster.test/"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("everyEmail")
    void everyEmailReachesSesWithSenderRecipientSubjectBothPartsTheLinkAndEscapedValues(
            String kind, OutgoingEmail email, String subjectStart, String link) throws Exception {
        ses.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"MessageId\":\"m-1\"}")));

        mailer.send(email);

        LoggedRequest request = ses.findAll(postRequestedFor(urlEqualTo(PATH))).get(0);
        Map<String, Object> body = JsonMapper.createDefault().readValue(request.getBodyAsString(),
                Argument.mapOf(String.class, Object.class));
        assertEquals(email.from(), body.get("FromEmailAddress"));
        assertEquals("\"<img src=x onerror=alert(1)> & Sons via Roster\" <no-reply@roster.test>", email.from(),
                "a hostile name stays inside one quoted display name: one sender address");
        assertEquals(List.of(email.to()), ((Map<?, ?>) body.get("Destination")).get("ToAddresses"));
        String raw = new String(Base64.getDecoder().decode(
                (String) ((Map<?, ?>) ((Map<?, ?>) body.get("Content")).get("Raw")).get("Data")), StandardCharsets.UTF_8);
        String subject = raw.lines().filter(l -> l.startsWith("Subject: ")).findFirst().orElseThrow().substring(9);
        String decodedSubject = subject.startsWith("=?UTF-8?B?")
                ? new String(Base64.getDecoder().decode(subject.substring(10, subject.length() - 2)), StandardCharsets.UTF_8) : subject;
        assertTrue(decodedSubject.startsWith(subjectStart), decodedSubject);
        assertTrue(raw.contains("Content-Type: text/plain; charset=UTF-8") && raw.contains("Content-Type: text/html; charset=UTF-8"));
        String text = part(raw, "text/plain");
        String html = part(raw, "text/html");
        assertTrue(text.contains(link), text);
        assertTrue(html.contains("href=\"" + link + "\""), html);
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; Sons"), kind + ": the org name is escaped");
        assertFalse(html.contains("<img"), kind + ": no markup from users reaches the HTML part");
    }

    @Test
    void warmingUpReadsTheAccountAndSendsNothing() {
        ses.stubFor(get(urlEqualTo("/v2/email/account")).willReturn(okJson("{\"SendingEnabled\":true}")));

        mailer.warmUp();

        assertEquals(1, ses.countRequestsMatching(getRequestedFor(urlEqualTo("/v2/email/account")).build()).getCount());
        assertEquals(0, ses.countRequestsMatching(postRequestedFor(urlEqualTo(PATH)).build()).getCount());
    }

    @Test
    void aRejectedMessageIsAMailDeliveryException() {
        ses.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("x-amzn-ErrorType", "MessageRejected").withBody("{\"message\":\"not verified\"}")));

        assertThrows(MailDeliveryException.class, () -> mailer.send(new OutgoingEmail("no-reply@roster.test",
                "ivan@example.com", "Hi", "text", "<p>html</p>")));
    }

    /** One part of the message, decoded per its Content-Transfer-Encoding. */
    private static String part(String raw, String type) {
        String boundary = raw.replaceAll("(?s).*boundary=\"([^\"]+)\".*", "$1");
        for (String part : raw.split("--" + boundary)) {
            int split = part.indexOf("\r\n\r\n");
            if (split >= 0 && part.contains("Content-Type: " + type)) {
                String body = part.substring(split + 4);
                return part.contains("Content-Transfer-Encoding: base64")
                        ? new String(Base64.getMimeDecoder().decode(body.trim()), StandardCharsets.UTF_8) : body;
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    /** The message's parts, each decoded per its Content-Transfer-Encoding. */
    private static String decodeParts(String raw) {
        String boundary = raw.replaceAll("(?s).*boundary=\"([^\"]+)\".*", "$1");
        StringBuilder out = new StringBuilder();
        for (String part : raw.split("--" + boundary)) {
            int split = part.indexOf("\r\n\r\n");
            if (split < 0 || !part.contains("Content-Transfer-Encoding")) {
                continue;
            }
            String body = part.substring(split + 4);
            out.append(part.contains("Content-Transfer-Encoding: base64")
                    ? new String(Base64.getMimeDecoder().decode(body.trim()), StandardCharsets.UTF_8) : body);
        }
        return out.toString();
    }
}

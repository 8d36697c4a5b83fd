package dev.roster.aws.ses;

import dev.roster.core.config.RosterSettings;
import dev.roster.core.mail.MailDeliveryException;
import dev.roster.core.mail.Mailer;
import dev.roster.core.mail.MimeMessage;
import dev.roster.core.mail.OutgoingEmail;
import dev.roster.core.port.WarmUp;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

import java.time.Clock;

/** The {@link Mailer} on Amazon SES v2, sending the rendered MIME message as raw content. */
@Singleton
@Secondary
public class SesMailer implements Mailer, WarmUp {

    private final SesV2Client ses;
    private final RosterSettings settings;
    private final Clock clock;

    public SesMailer(SesV2Client ses, RosterSettings settings, Clock clock) {
        this.ses = ses;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String send(OutgoingEmail email) {
        SendEmailRequest.Builder request = SendEmailRequest.builder()
                .fromEmailAddress(email.from())
                .destination(d -> d.toAddresses(email.to()))
                .content(c -> c.raw(r -> r.data(SdkBytes.fromByteArray(MimeMessage.render(email, clock.instant())))));
        if (!email.tags().isEmpty()) {
            // Returned with the bounce and complaint events the configuration set publishes.
            request.emailTags(email.tags().entrySet().stream()
                    .map(tag -> MessageTag.builder().name(tag.getKey()).value(tag.getValue()).build()).toList());
        }
        settings.sesConfigurationSet().ifPresent(request::configurationSetName);
        try {
            return ses.sendEmail(request.build()).messageId();
        } catch (SdkException e) {
            throw new MailDeliveryException("SES did not accept the message: " + e.getMessage(), e);
        }
    }

    /** Reads the account's sending status: needs ses:GetAccount, sends nothing. */
    @Override
    public void warmUp() {
        ses.getAccount(request -> { });
    }
}

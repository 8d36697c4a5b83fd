package dev.roster.local;

import dev.roster.core.mail.MailDeliveryException;
import dev.roster.core.mail.Mailer;
import dev.roster.core.mail.MimeMessage;
import dev.roster.core.mail.OutgoingEmail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

/** The local {@link Mailer}: each message, exactly as SES would receive it, becomes an .eml file. */
public class EmlMailer implements Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(EmlMailer.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final Clock clock;
    private final AtomicInteger sequence = new AtomicInteger();

    public EmlMailer(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public String send(OutgoingEmail email) {
        String name = STAMP.format(clock.instant()) + "-" + sequence.incrementAndGet() + "-"
                + email.to().replaceAll("[^A-Za-z0-9@._-]", "_") + ".eml";
        Path file = directory.resolve(name);
        try {
            Files.createDirectories(directory);
            Files.write(file, MimeMessage.render(email, clock.instant()));
        } catch (IOException e) {
            throw new MailDeliveryException("could not write " + file, e);
        }
        LOG.info("Email to {} written to {}", email.to(), file);
        return name;
    }
}

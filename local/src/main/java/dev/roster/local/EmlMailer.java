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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The local {@link Mailer}: each message, exactly as SES would receive it, becomes an .eml file. */
public class EmlMailer implements Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(EmlMailer.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final Clock clock;
    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<String, Sent> byMessageId = new ConcurrentHashMap<>();
    private final Map<String, Sent> lastByRecipient = new ConcurrentHashMap<>();

    /** A message this mailer wrote, as SES's events about it describe it. */
    public record Sent(String messageId, String to, Map<String, String> tags, Instant at) {
    }

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
        Sent sent = new Sent(name, email.to(), email.tags(), clock.instant());
        byMessageId.put(name, sent);
        lastByRecipient.put(email.to().toLowerCase(Locale.ROOT), sent);
        return name;
    }

    /** A message written since the local API started, by its message id (its file name). */
    public Optional<Sent> sent(String messageId) {
        return Optional.ofNullable(byMessageId.get(messageId));
    }

    /** The last message written to an address since the local API started. */
    public Optional<Sent> lastSentTo(String address) {
        return Optional.ofNullable(lastByRecipient.get(address.trim().toLowerCase(Locale.ROOT)));
    }
}

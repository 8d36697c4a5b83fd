package dev.roster.core.mail;

/** Port: hands an email to the mail service. */
public interface Mailer {

    /**
     * @return the mail service's message id
     * @throws MailDeliveryException when the message was not accepted
     */
    String send(OutgoingEmail email);
}

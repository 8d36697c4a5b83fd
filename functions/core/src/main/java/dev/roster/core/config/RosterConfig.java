package dev.roster.core.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;

/**
 * Raw settings as they arrive from the environment ({@code ROSTER_*} variables, which Micronaut binds to
 * {@code roster.*}) or, locally, from the local API. This is the one place their defaults live: each beside its
 * property, written as the variable would be, so a default goes through the same validation as a value set in
 * template.yaml. Kept as strings so that {@link RosterSettings} can reject a bad value with the variable's name.
 */
@Context
@ConfigurationProperties("roster")
public class RosterConfig {

    /** The built-in plan table, as {@code ROSTER_PLANS} would replace it. */
    static final String DEFAULT_PLANS = "{"
            + "\"FREE\": {\"seats\": 1, \"workspaces\": 1},"
            + " \"STARTER\": {\"seats\": 5, \"invitations\": true},"
            + " \"PRO\": {\"seats\": 10, \"invitations\": true, \"extraSeats\": true},"
            + " \"FOUNDER\": {\"seats\": 25, \"invitations\": true, \"extraSeats\": true, \"soldOnce\": true},"
            + " \"ENTERPRISE\": {\"seats\": null, \"invitations\": true}}";
    /** The tool-permission catalog, as {@code ROSTER_PERMISSIONS} would replace it. */
    static final String DEFAULT_PERMISSIONS = "billing,crm,invoicing,proposals,scheduling,dispatch,knowledge,leads,handoffs";

    /** ROSTER_TABLE */
    private String table;
    /** ROSTER_MAIL_FROM */
    private String mailFrom;
    /** ROSTER_BASE_URL */
    private String baseUrl;
    /** ROSTER_INVITATION_TTL: how long an invitation link stays valid. */
    private String invitationTtl = "P7D";
    /** ROSTER_INVITES_PER_DAY: invitation emails per org per UTC day. */
    private String invitesPerDay = "50";
    /** ROSTER_RESEND_COOLDOWN */
    private String resendCooldown = "PT60S";
    /** ROSTER_INVITATION_RETENTION: how long a decided invitation is kept before TTL purges it. */
    private String invitationRetention = "P30D";
    /** ROSTER_DEFAULT_PLAN: the plan of a new org. */
    private String defaultPlan = "FREE";
    /** ROSTER_PLANS; blank means the built-in table. */
    private String plans = DEFAULT_PLANS;
    /** ROSTER_PERMISSIONS; blank means the built-in catalog. */
    private String permissions = DEFAULT_PERMISSIONS;
    /** ROSTER_DYNAMODB_ENDPOINT: none means AWS_ENDPOINT_URL or AWS. */
    private String dynamodbEndpoint;
    /** ROSTER_SES_ENDPOINT */
    private String sesEndpoint;
    /** ROSTER_SES_CONFIGURATION_SET */
    private String sesConfigurationSet;
    /** ROSTER_EVENT_BUS: required by the event publisher only. */
    private String eventBus;
    /** ROSTER_EVENTBRIDGE_ENDPOINT */
    private String eventbridgeEndpoint;
    /** ROSTER_ONE_ORG_PER_USER */
    private String oneOrgPerUser = "false";
    /** ROSTER_ADD_EXISTING_USERS_DIRECTLY */
    private String addExistingUsersDirectly = "false";
    /** ROSTER_STRIPE_PRICES: required by the seat-purchase function only. */
    private String stripePrices;

    public String getTable() { return table; }
    public void setTable(String table) { this.table = table; }
    public String getMailFrom() { return mailFrom; }
    public void setMailFrom(String mailFrom) { this.mailFrom = mailFrom; }
    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getInvitationTtl() { return invitationTtl; }
    public void setInvitationTtl(String invitationTtl) { this.invitationTtl = invitationTtl; }
    public String getInvitesPerDay() { return invitesPerDay; }
    public void setInvitesPerDay(String invitesPerDay) { this.invitesPerDay = invitesPerDay; }
    public String getResendCooldown() { return resendCooldown; }
    public void setResendCooldown(String resendCooldown) { this.resendCooldown = resendCooldown; }
    public String getInvitationRetention() { return invitationRetention; }
    public void setInvitationRetention(String invitationRetention) { this.invitationRetention = invitationRetention; }
    public String getDefaultPlan() { return defaultPlan; }
    public void setDefaultPlan(String defaultPlan) { this.defaultPlan = defaultPlan; }
    public String getPlans() { return plans; }
    public void setPlans(String plans) { this.plans = plans; }
    public String getPermissions() { return permissions; }
    public void setPermissions(String permissions) { this.permissions = permissions; }
    public String getDynamodbEndpoint() { return dynamodbEndpoint; }
    public void setDynamodbEndpoint(String dynamodbEndpoint) { this.dynamodbEndpoint = dynamodbEndpoint; }
    public String getSesEndpoint() { return sesEndpoint; }
    public void setSesEndpoint(String sesEndpoint) { this.sesEndpoint = sesEndpoint; }
    public String getSesConfigurationSet() { return sesConfigurationSet; }
    public void setSesConfigurationSet(String sesConfigurationSet) { this.sesConfigurationSet = sesConfigurationSet; }
    public String getOneOrgPerUser() { return oneOrgPerUser; }
    public void setOneOrgPerUser(String oneOrgPerUser) { this.oneOrgPerUser = oneOrgPerUser; }
    public String getAddExistingUsersDirectly() { return addExistingUsersDirectly; }
    public void setAddExistingUsersDirectly(String addExistingUsersDirectly) { this.addExistingUsersDirectly = addExistingUsersDirectly; }
    public String getStripePrices() { return stripePrices; }
    public void setStripePrices(String stripePrices) { this.stripePrices = stripePrices; }
    public String getEventBus() { return eventBus; }
    public void setEventBus(String eventBus) { this.eventBus = eventBus; }
    public String getEventbridgeEndpoint() { return eventbridgeEndpoint; }
    public void setEventbridgeEndpoint(String eventbridgeEndpoint) { this.eventbridgeEndpoint = eventbridgeEndpoint; }
}

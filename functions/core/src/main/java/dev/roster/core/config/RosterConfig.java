package dev.roster.core.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;

/**
 * Raw settings as they arrive from the environment ({@code ROSTER_*} variables) or, locally, from the local API.
 * Kept as strings so that {@link RosterSettings} can reject a bad value with the variable's name.
 */
@Context
@ConfigurationProperties("roster")
public class RosterConfig {

    private String table;
    private String mailFrom;
    private String baseUrl;
    private String invitationTtl = "P7D";
    private String invitesPerDay = "50";
    private String resendCooldown = "PT60S";
    private String invitationRetention = "P30D";
    private String defaultPlan = "FREE";
    private String plans;
    private String permissions;
    private String dynamodbEndpoint;
    private String sesEndpoint;
    private String sesConfigurationSet;
    private String eventBus;
    private String eventbridgeEndpoint;
    private String oneOrgPerUser = "false";
    private String addExistingUsersDirectly = "false";
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

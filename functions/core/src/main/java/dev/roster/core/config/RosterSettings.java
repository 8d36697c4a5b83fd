package dev.roster.core.config;

import dev.roster.core.domain.EmailAddress;
import dev.roster.core.domain.Plan;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validated, typed configuration. Built once at start-up; a bad value fails start-up with a message naming
 * the environment variable, so a misconfigured deployment never serves a request.
 */
public final class RosterSettings {

    private final String table;
    private final String mailFrom;
    private final URI baseUrl;
    private final Duration invitationTtl;
    private final int invitesPerDay;
    private final Duration resendCooldown;
    private final Duration invitationRetention;
    private final Map<String, Plan> plans;
    private final Plan defaultPlan;
    private final Set<String> permissionCatalog;
    private final Optional<URI> dynamodbEndpoint;
    private final Optional<URI> sesEndpoint;
    private final Optional<String> sesConfigurationSet;
    private final Optional<String> eventBus;
    private final Optional<URI> eventBridgeEndpoint;
    private final boolean oneOrgPerUser;
    private final boolean addExistingUsersDirectly;
    private final Optional<StripePrices> stripePrices;

    public RosterSettings(RosterConfig raw, JsonMapper json) {
        this.table = required("ROSTER_TABLE", raw.getTable());
        // Emails name their sender per org ("Acme via Roster"), so only the address of 'Name <address>' is kept.
        this.mailFrom = EmailAddress.parse(required("ROSTER_MAIL_FROM", raw.getMailFrom()).replaceAll("^.*<|>\\s*$", ""))
                .map(EmailAddress::value).orElseThrow(() -> new InvalidConfigurationException("ROSTER_MAIL_FROM",
                        "must be an email address, optionally as 'Name <address>'"));
        this.baseUrl = httpUrl("ROSTER_BASE_URL", required("ROSTER_BASE_URL", raw.getBaseUrl()));
        this.invitationTtl = positiveDuration("ROSTER_INVITATION_TTL", raw.getInvitationTtl());
        this.invitesPerDay = positiveInt("ROSTER_INVITES_PER_DAY", raw.getInvitesPerDay());
        this.resendCooldown = duration("ROSTER_RESEND_COOLDOWN", raw.getResendCooldown());
        this.invitationRetention = positiveDuration("ROSTER_INVITATION_RETENTION", raw.getInvitationRetention());
        this.plans = parsePlans(orDefault(raw.getPlans(), RosterConfig.DEFAULT_PLANS), json);
        this.defaultPlan = Optional.ofNullable(plans.get(upper(raw.getDefaultPlan()))).orElseThrow(() ->
                new InvalidConfigurationException("ROSTER_DEFAULT_PLAN", "must name one of the plans " + plans.keySet()
                        + ", got '" + raw.getDefaultPlan() + "'"));
        if (defaultPlan.soldOnce()) {
            // A refund returns an org to the default plan, so the default cannot be a plan that must be paid for.
            throw new InvalidConfigurationException("ROSTER_DEFAULT_PLAN", "must not be a plan sold once, got '"
                    + defaultPlan.name() + "'");
        }
        this.permissionCatalog = parsePermissions(orDefault(raw.getPermissions(), RosterConfig.DEFAULT_PERMISSIONS));
        this.dynamodbEndpoint = optionalUrl("ROSTER_DYNAMODB_ENDPOINT", raw.getDynamodbEndpoint());
        this.sesEndpoint = optionalUrl("ROSTER_SES_ENDPOINT", raw.getSesEndpoint());
        this.sesConfigurationSet = Optional.ofNullable(raw.getSesConfigurationSet()).filter(s -> !s.isBlank());
        this.eventBus = Optional.ofNullable(raw.getEventBus()).map(String::trim).filter(b -> !b.isEmpty());
        this.eventBridgeEndpoint = optionalUrl("ROSTER_EVENTBRIDGE_ENDPOINT", raw.getEventbridgeEndpoint());
        this.oneOrgPerUser = flag("ROSTER_ONE_ORG_PER_USER", raw.getOneOrgPerUser());
        this.addExistingUsersDirectly = flag("ROSTER_ADD_EXISTING_USERS_DIRECTLY", raw.getAddExistingUsersDirectly());
        this.stripePrices = raw.getStripePrices() == null || raw.getStripePrices().isBlank()
                ? Optional.empty() : Optional.of(parseStripePrices(raw.getStripePrices(), json, plans.keySet()));
    }

    public String table() { return table; }
    public String mailFrom() { return mailFrom; }
    public Duration invitationTtl() { return invitationTtl; }
    public int invitesPerDay() { return invitesPerDay; }
    public Duration resendCooldown() { return resendCooldown; }
    public Duration invitationRetention() { return invitationRetention; }
    public Plan defaultPlan() { return defaultPlan; }
    public Set<String> permissionCatalog() { return permissionCatalog; }
    public Optional<URI> dynamodbEndpoint() { return dynamodbEndpoint; }
    public Optional<URI> sesEndpoint() { return sesEndpoint; }
    public Optional<String> sesConfigurationSet() { return sesConfigurationSet; }

    /** The EventBridge bus domain events go to; only the event publisher needs it. */
    public String eventBus() {
        return eventBus.orElseThrow(() -> new InvalidConfigurationException("ROSTER_EVENT_BUS", "must be set"));
    }

    public Optional<URI> eventBridgeEndpoint() { return eventBridgeEndpoint; }

    /** Stripe prices to plans; only the seat-purchase function needs them. */
    public StripePrices stripePrices() {
        return stripePrices.orElseThrow(() -> new InvalidConfigurationException("ROSTER_STRIPE_PRICES",
                "must be set to a JSON object of Stripe price ids to plan names or EXTRA_SEAT"));
    }

    /** A user may belong to one organization only: accepting or creating a second is refused. */
    public boolean oneOrgPerUser() { return oneOrgPerUser; }
    /** Inviting someone who already has an account makes them a member at once, without an email. */
    public boolean addExistingUsersDirectly() { return addExistingUsersDirectly; }

    public Optional<Plan> plan(String name) {
        return Optional.ofNullable(name).map(n -> plans.get(upper(n)));
    }

    /** The plan an org is on; an org whose plan was removed from the configuration falls back to the default. */
    public Plan planOf(String name) {
        return plan(name).orElse(defaultPlan);
    }

    public Set<String> planNames() {
        return plans.keySet();
    }

    /** The front end's home. */
    public String appUrl() {
        return link("");
    }

    /** Where the front end shows an org. */
    public String orgUrl(String orgId) {
        return link("orgs/" + orgId);
    }

    /** Where the front end shows an org's members. */
    public String membersUrl(String orgId) {
        return link("orgs/" + orgId + "/members");
    }

    /** Where the front end shows an org's plan and seats; checkout returns there. */
    public String billingUrl(String orgId) {
        return link("orgs/" + orgId + "/billing");
    }

    /** Where an inviter manages an org's invitations in the front end. */
    public String invitationsUrl(String orgId) {
        return link("orgs/" + orgId + "/invitations");
    }

    /** The link an invitee opens: always the configured front end, never anything taken from a request. */
    public String inviteUrl(String rawToken) {
        return link("invitations/" + rawToken);
    }

    private String link(String path) {
        String base = baseUrl.toString();
        return (base.endsWith("/") ? base : base + "/") + path;
    }

    private static String required(String variable, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationException(variable, "must be set");
        }
        return value.trim();
    }

    /** Where a blank value means the default rather than a bad value: the plan table and the permission catalog. */
    private static String orDefault(String value, String byDefault) {
        return value == null || value.isBlank() ? byDefault : value;
    }

    private static String upper(String value) {
        return value == null ? null : value.trim().toUpperCase(Locale.ROOT);
    }

    private static URI httpUrl(String variable, String value) {
        try {
            URI uri = URI.create(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(variable, "must be an http(s) URL, got '" + value + "'");
        }
    }

    private static Optional<URI> optionalUrl(String variable, String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(httpUrl(variable, value.trim()));
    }

    private static Duration duration(String variable, String value) {
        try {
            Duration d = Duration.parse(value.trim());
            if (d.isNegative()) {
                throw new InvalidConfigurationException(variable, "must not be negative, got '" + value + "'");
            }
            return d;
        } catch (DateTimeParseException | NullPointerException e) {
            throw new InvalidConfigurationException(variable, "must be an ISO-8601 duration such as PT60S or P7D, got '" + value + "'");
        }
    }

    private static Duration positiveDuration(String variable, String value) {
        Duration d = duration(variable, value);
        if (d.isZero()) {
            throw new InvalidConfigurationException(variable, "must be longer than zero");
        }
        return d;
    }

    private static boolean flag(String variable, String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "false" -> false;
            case "true" -> true;
            default -> throw new InvalidConfigurationException(variable, "must be true or false, got '" + value + "'");
        };
    }

    private static int positiveInt(String variable, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException | NullPointerException e) {
            throw new InvalidConfigurationException(variable, "must be a whole number of at least 1, got '" + value + "'");
        }
    }

    private static Set<String> parsePermissions(String value) {
        Set<String> result = new LinkedHashSet<>();
        for (String p : value.split(",")) {
            String name = p.trim();
            if (!name.matches("[a-z][a-z0-9_-]{0,39}")) {
                throw new InvalidConfigurationException("ROSTER_PERMISSIONS",
                        "must be a comma-separated list of lower-case names, got '" + p + "'");
            }
            result.add(name);
        }
        return result;
    }

    private static JsonNode nonEmptyObject(String variable, String value, JsonMapper json, String ofWhat) {
        JsonNode root;
        try {
            root = json.readValue(value, JsonNode.class);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject() || root.size() == 0) {
            throw new InvalidConfigurationException(variable, "must be a non-empty JSON object of " + ofWhat);
        }
        return root;
    }

    /**
     * {@code {"PRO": {"seats": 10, "invitations": true, "extraSeats": true, "workspaces": 10, "soldOnce": false}, ...}};
     * seats null = unlimited.
     */
    private static Map<String, Plan> parsePlans(String value, JsonMapper json) {
        String variable = "ROSTER_PLANS";
        JsonNode root = nonEmptyObject(variable, value, json, "plans");
        Plan[] result = new Plan[root.size()];
        int i = 0;
        for (Map.Entry<String, JsonNode> entry : root.entries()) {
            String name = upper(entry.getKey());
            JsonNode plan = entry.getValue();
            String where = "plan " + name + ": ";
            if (!name.matches("[A-Z][A-Z0-9_]{0,31}") || !plan.isObject()) {
                throw new InvalidConfigurationException(variable, where + "must be an object under an upper-case name");
            }
            JsonNode seats = plan.get("seats");
            Integer seatCount = seats == null || seats.isNull() ? null : wholeNumber(variable, where + "seats", seats);
            result[i++] = new Plan(name, seatCount, bool(variable, where + "invitations", plan.get("invitations")),
                    bool(variable, where + "extraSeats", plan.get("extraSeats")),
                    plan.get("workspaces") == null ? 10 : wholeNumber(variable, where + "workspaces", plan.get("workspaces")),
                    bool(variable, where + "soldOnce", plan.get("soldOnce")));
        }
        return plans(result);
    }

    /** {@code {"price_123": "PRO", "price_456": "EXTRA_SEAT"}}, in the order written. */
    private static StripePrices parseStripePrices(String value, JsonMapper json, Set<String> planNames) {
        String variable = "ROSTER_STRIPE_PRICES";
        JsonNode root = nonEmptyObject(variable, value, json, "price ids to plan names");
        Map<String, String> prices = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.entries()) {
            String target = entry.getValue().isString() ? upper(entry.getValue().getStringValue()) : null;
            if (target == null || !(planNames.contains(target) || StripePrices.EXTRA_SEAT.equals(target))) {
                throw new InvalidConfigurationException(variable, "price " + entry.getKey() + " must name one of the plans "
                        + planNames + " or " + StripePrices.EXTRA_SEAT);
            }
            prices.put(entry.getKey().trim(), target);
        }
        return new StripePrices(java.util.Collections.unmodifiableMap(prices));
    }

    private static int wholeNumber(String variable, String what, JsonNode node) {
        if (!node.isNumber() || node.getNumberValue().doubleValue() != node.getIntValue() || node.getIntValue() < 0) {
            throw new InvalidConfigurationException(variable, what + " must be a whole number");
        }
        return node.getIntValue();
    }

    private static boolean bool(String variable, String what, JsonNode node) {
        if (node == null) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new InvalidConfigurationException(variable, what + " must be true or false");
        }
        return node.getBooleanValue();
    }

    private static Map<String, Plan> plans(Plan... plans) {
        Map<String, Plan> map = new LinkedHashMap<>();
        Arrays.stream(plans).forEach(p -> map.put(p.name(), p));
        return Map.copyOf(map);
    }
}

package dev.roster.core.domain;

/** How an org holds its plan. */
public enum PlanSource {
    /** Its running subscription's plan price. */
    SUBSCRIPTION,
    /** A plan sold once, paid for and not refunded. */
    ONE_TIME,
    /** Neither: the configured default plan. */
    DEFAULT
}

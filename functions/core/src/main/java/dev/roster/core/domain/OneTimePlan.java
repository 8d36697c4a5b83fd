package dev.roster.core.domain;

/** A plan sold once that an org holds, and the payment ({@link Purchase}) it holds it by. */
public record OneTimePlan(String plan, String paymentId) {
}

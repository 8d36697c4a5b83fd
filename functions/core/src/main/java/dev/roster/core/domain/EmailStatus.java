package dev.roster.core.domain;

/** Outcome of handing the invitation email to the mail service. */
public enum EmailStatus { SENT, FAILED }

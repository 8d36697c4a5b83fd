package dev.roster.core.domain;

public enum InvitationStatus { PENDING, ACCEPTED, DECLINED, REVOKED, EXPIRED, SUPERSEDED }

package dev.roster.core.domain;

public enum MemberStatus { ACTIVE, SUSPENDED }

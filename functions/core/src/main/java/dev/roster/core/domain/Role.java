package dev.roster.core.domain;

import java.util.EnumSet;
import java.util.Set;

/** Roles, highest first. */
public enum Role {
    OWNER, ADMIN, MEMBER, VIEWER;

    /** Roles that may manage invitations and members. */
    public static final Set<Role> MANAGERS = EnumSet.of(OWNER, ADMIN);
    /** Roles an invitation may carry: ownership only moves by transfer. */
    public static final Set<Role> INVITABLE = EnumSet.of(ADMIN, MEMBER, VIEWER);

    public boolean impliesAllPermissions() {
        return this == OWNER || this == ADMIN;
    }
}

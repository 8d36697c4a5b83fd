package dev.roster.core.usecase;

import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;

/** The errors of the optional membership policies of the deployment. */
final class Policies {

    private Policies() {
    }

    static RosterException alreadyInAnotherOrg() {
        return new RosterException(ErrorCode.ALREADY_IN_ANOTHER_ORG,
                "You already belong to an organization, and this deployment allows one per person; leave it first.");
    }
}

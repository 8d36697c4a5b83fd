package dev.roster.core.usecase;

import dev.roster.core.domain.Member;
import dev.roster.core.domain.Org;

/** An org as one member sees it: with that member's own role and status. */
public record OrgForCaller(Org org, Member caller) {
}

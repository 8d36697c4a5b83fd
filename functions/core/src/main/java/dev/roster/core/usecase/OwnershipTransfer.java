package dev.roster.core.usecase;

import dev.roster.core.domain.Member;

/** The two memberships an ownership transfer changed. */
public record OwnershipTransfer(Member owner, Member previousOwner) {
}

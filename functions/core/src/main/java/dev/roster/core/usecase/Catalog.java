package dev.roster.core.usecase;

import dev.roster.core.domain.Plan;
import dev.roster.core.domain.Role;

import java.util.List;

/**
 * What a front end offers in its dropdowns and toggles, as this deployment is configured: the roles (and which an
 * invitation may carry), the tool-permission catalog and the plans with their limits.
 */
public record Catalog(List<Role> roles, List<String> permissions, List<Plan> plans) {
}

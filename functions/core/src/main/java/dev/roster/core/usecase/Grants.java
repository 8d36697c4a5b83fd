package dev.roster.core.usecase;

import dev.roster.core.error.FieldError;
import dev.roster.core.port.Snapshot;

import java.util.List;
import java.util.Set;

/** Checks of the tool permissions and workspaces a member or an invitation is granted. */
final class Grants {

    private Grants() {
    }

    /** Adds an error for every permission not in the configured catalog. */
    static void checkPermissions(List<String> permissions, Set<String> catalog, String prefix, List<FieldError> errors) {
        for (int i = 0; i < permissions.size(); i++) {
            if (!catalog.contains(permissions.get(i))) {
                errors.add(new FieldError(prefix + "permissions[" + i + "]",
                        "unknown permission; known: " + String.join(", ", catalog)));
            }
        }
    }

    /** Adds an error for every workspace the snapshot did not find in the org. */
    static void checkWorkspaces(List<String> workspaceIds, Snapshot snapshot, String prefix, List<FieldError> errors) {
        for (int i = 0; i < workspaceIds.size(); i++) {
            if (!snapshot.workspaces().containsKey(workspaceIds.get(i))) {
                errors.add(new FieldError(prefix + "workspaceIds[" + i + "]", "no such workspace in this organization"));
            }
        }
    }
}

package dev.roster.core.usecase;

import dev.roster.core.domain.AuditAction;
import dev.roster.core.domain.AuditEntry;
import dev.roster.core.domain.Ids;
import dev.roster.core.domain.Invitation;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.Times;
import dev.roster.core.port.Change;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Audit entries and the before/after views they record. */
final class Audits {

    private Audits() {
    }

    static Change.PutAudit entry(String orgId, Instant at, String actor, AuditAction action, String target,
                                 Map<String, Object> before, Map<String, Object> after, String requestId) {
        return new Change.PutAudit(new AuditEntry(orgId, Ids.newId(at), at, actor, action.wireName(), target, before, after,
                requestId == null ? "" : requestId));
    }

    static String invitationTarget(Invitation invitation) {
        return "invitation:" + invitation.id();
    }

    static Map<String, Object> view(Invitation i) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("email", i.email().value());
        v.put("role", i.role().name());
        v.put("permissions", i.permissions());
        v.put("workspaceIds", i.workspaceIds());
        v.put("status", i.status().name());
        v.put("expiresAt", Times.format(i.expiresAt()));
        return v;
    }

    static Map<String, Object> view(Member m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("userId", m.userId());
        v.put("email", m.email().value());
        v.put("role", m.role().name());
        v.put("permissions", m.permissions());
        v.put("workspaceIds", m.workspaceIds());
        v.put("status", m.status().name());
        if (m.accessExpiresAt() != null) {
            v.put("accessExpiresAt", Times.format(m.accessExpiresAt()));
        }
        return v;
    }
}

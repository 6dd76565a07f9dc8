package io.croupier.access;

/**
 * One service's access rules, declared in one readable place as a bean. Every endpoint a service does not declare
 * here is for {@code ADMIN} only, so a new endpoint is protected before anyone thinks about it.
 *
 * <pre>{@code
 * @Component
 * class ClickServiceAccess implements AccessRules {
 *     public void declare(Endpoints endpoints) {
 *         endpoints.publicly(GET, "/click")
 *             .permit("/admin/offers/**", ADMIN, MANAGER);
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface AccessRules {

    void declare(Endpoints endpoints);
}

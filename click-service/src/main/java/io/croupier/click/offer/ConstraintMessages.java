package io.croupier.click.offer;

/** Bean Validation reads {@code {...}} and {@code ${...}} in a message as placeholders: a literal must escape them. */
final class ConstraintMessages {

    private ConstraintMessages() {
    }

    static String literal(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}

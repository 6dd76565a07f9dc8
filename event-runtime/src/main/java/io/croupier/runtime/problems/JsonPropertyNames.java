package io.croupier.runtime.problems;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.introspect.BeanPropertyDefinition;

/**
 * The name a client sent for a property bean validation reports by its Java path ({@code tracking.subIds[0]}): the
 * service's own {@link ObjectMapper} decides it, so a naming strategy, {@code @JsonNaming} and {@code @JsonProperty}
 * are all honoured, as they were when the body was read.
 */
final class JsonPropertyNames {

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[]+)((?:\\[[^]]*])*)");

    private final ObjectMapper mapper;

    JsonPropertyNames(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String of(Class<?> root, String javaPath) {
        StringBuilder name = new StringBuilder(javaPath.length());
        JavaType type = mapper.constructType(root);
        Matcher segment = SEGMENT.matcher(javaPath);
        while (segment.find()) {
            String javaName = segment.group(1);
            Optional<BeanPropertyDefinition> property = type == null ? Optional.empty() : property(type, javaName);
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(property.map(BeanPropertyDefinition::getName).orElse(javaName)).append(segment.group(2));
            type = property.map(found -> elementOf(found.getPrimaryType(), segment.group(2))).orElse(null);
        }
        return name.toString();
    }

    private Optional<BeanPropertyDefinition> property(JavaType type, String javaName) {
        return mapper._serializationContext()
            .introspectBeanDescription(type)
            .findProperties()
            .stream()
            .filter(property -> property.getInternalName().equals(javaName))
            .findFirst();
    }

    /** The type a path continues into: a collection's or map's element when the segment was indexed. */
    private static JavaType elementOf(JavaType type, String indexes) {
        JavaType element = type;
        for (int i = 0; i < indexes.length() && element != null; i++) {
            if (indexes.charAt(i) == '[') {
                element = element.getContentType();
            }
        }
        return element;
    }
}

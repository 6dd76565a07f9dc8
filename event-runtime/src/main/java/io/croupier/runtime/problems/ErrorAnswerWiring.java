package io.croupier.runtime.problems;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.ObjectMapper;

/**
 * Error answers, documented and given: {@link ValidationProblems} is registered before Spring MVC's auto-configuration
 * so that it replaces Spring Boot's default problem-details handler instead of sitting beside it.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class, after = JacksonAutoConfiguration.class)
public class ErrorAnswerWiring {

    @Bean
    ErrorAnswerDocumentation errorAnswerDocumentation() {
        return new ErrorAnswerDocumentation();
    }

    /** First among the advices, as Spring Boot's own handler it replaces was. */
    @Bean
    @Order(0)
    ValidationProblems validationProblems(ObjectMapper mapper) {
        return new ValidationProblems(new JsonPropertyNames(mapper));
    }
}

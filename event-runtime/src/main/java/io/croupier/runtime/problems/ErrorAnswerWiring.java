package io.croupier.runtime.problems;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

@AutoConfiguration
public class ErrorAnswerWiring {

    @Bean
    ErrorAnswerDocumentation errorAnswerDocumentation() {
        return new ErrorAnswerDocumentation();
    }
}

package io.croupier.click.offer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A casino URL template that {@link UrlTemplate} accepts; checked with the other fields, so that one answer names
 * every problem of an offer. Blank is left to {@code @NotBlank}.
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CasinoUrl.Validator.class)
@interface CasinoUrl {

    String message() default "must be an absolute http(s) URL with known macros";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<CasinoUrl, String> {

        @Override
        public boolean isValid(String url, ConstraintValidatorContext context) {
            if (url == null || url.isBlank()) {
                return true;
            }
            try {
                UrlTemplate.parse(url.strip());
                return true;
            }
            catch (IllegalArgumentException e) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(ConstraintMessages.literal(e.getMessage()))
                    .addConstraintViolation();
                return false;
            }
        }
    }
}

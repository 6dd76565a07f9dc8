package io.croupier.click.offer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Currency;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** An ISO 4217 currency code Java knows, such as BRL; null is left to the default. */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IsoCurrency.Validator.class)
@interface IsoCurrency {

    String message() default "an ISO 4217 code such as BRL";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<IsoCurrency, String> {

        @Override
        public boolean isValid(String code, ConstraintValidatorContext context) {
            if (code == null) {
                return true;
            }
            try {
                return Currency.getInstance(code).getCurrencyCode().equals(code);
            }
            catch (IllegalArgumentException e) {
                return false;
            }
        }
    }
}

package io.croupier.click.offer;

import java.util.Map;

import io.croupier.click.offer.UrlTemplate.Macro;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UrlTemplateTest {

    private static final Map<Macro, String> VALUES = Map.of(Macro.CLICK_ID, "01JCLICK", Macro.SOURCE, "face book",
            Macro.CAMPAIGN, "win&ter=24", Macro.PUB, "pub/1", Macro.SUB1, "ação", Macro.SUB2, "a+b", Macro.SUB5,
            "~x_y.z-");

    @Test
    void everyMacroIsReplacedByItsPercentEncodedValue() {
        UrlTemplate template = UrlTemplate.parse("https://casino.example/r/{pub}?ref={click_id}&s={source}"
                + "&c={campaign}&s1={sub1}&s2={sub2}&s3={sub3}&s5={sub5}");

        assertThat(template.expand(VALUES::get)).isEqualTo("https://casino.example/r/pub%2F1?ref=01JCLICK"
                + "&s=face%20book&c=win%26ter%3D24&s1=a%C3%A7%C3%A3o&s2=a%2Bb&s3=&s5=~x_y.z-");
    }

    @Test
    void clickIdIsAppendedWhenTheTemplateHasNoClickIdMacro() {
        assertThat(expand("https://casino.example/register")).isEqualTo(
                "https://casino.example/register?click_id=01JCLICK");
        assertThat(expand("https://casino.example/register?lang=pt")).isEqualTo(
                "https://casino.example/register?lang=pt&click_id=01JCLICK");
        assertThat(expand("https://casino.example/register?")).isEqualTo(
                "https://casino.example/register?click_id=01JCLICK");
        assertThat(expand("https://casino.example/r?s={source}#signup")).isEqualTo(
                "https://casino.example/r?s=face%20book&click_id=01JCLICK#signup");
    }

    @Test
    void clickIdIsNotAppendedWhenTheTemplatePlacesIt() {
        assertThat(expand("https://brazino.example/register?ref={click_id}")).isEqualTo(
                "https://brazino.example/register?ref=01JCLICK");
    }

    @ParameterizedTest
    @ValueSource(strings = { "casino.example/register", "/register", "ftp://casino.example/", "javascript:alert(1)",
            "https:///nohost", "https://user:pw@casino.example/", "https://{sub1}.casino.example/",
            "https://casino.example{sub1}/", "https://casino.example/?a={unknown}", "https://casino.example/?a={sub1",
            "https://casino.example/#{click_id}", "https://casino example/" })
    void offerUrlsMustBeAbsoluteHttpWithMacrosOnlyAfterTheHost(String url) {
        assertThatIllegalArgumentException().isThrownBy(() -> UrlTemplate.parse(url));
    }

    private static String expand(String template) {
        return UrlTemplate.parse(template).expand(VALUES::get);
    }
}

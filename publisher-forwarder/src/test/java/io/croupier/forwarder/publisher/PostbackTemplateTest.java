package io.croupier.forwarder.publisher;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostbackTemplateTest {

    @Test
    void macroValuesAreUrlEncodedAndAMissingValueRendersEmpty() {
        PostbackTemplate template = PostbackTemplate.parse(
                "https://pub.example/pb?click_id={click_id}&payout={payout}&sub1={sub1}&sub2={sub2}");
        Map<String, String> values = new HashMap<>();
        values.put("click_id", "CLK 1&x=2");
        values.put("payout", "4.00");
        values.put("sub1", "ação/é?#");

        assertThat(template.render(values).toString()).isEqualTo(
                "https://pub.example/pb?click_id=CLK%201%26x%3D2&payout=4.00&sub1=a%C3%A7%C3%A3o%2F%C3%A9%3F%23&sub2=");
    }

    @Test
    void everyMacroOfTheIssueIsKnownAndNoneIsEverSentLiterally() {
        String url = "http://pub.example/p?a={click_id}&b={payout}&c={currency}&d={status}&e={offer_id}"
                + "&f={transaction_id}&g={sub1}&h={sub2}&i={sub3}&j={sub4}&k={sub5}&l={event}";
        PostbackTemplate template = PostbackTemplate.parse(url);

        assertThat(template.render(Map.of()).toString()).doesNotContain("{", "}", "%7B");
    }

    @Test
    void anUnknownMacroIsAConfigurationErrorReportedWhenTheTemplateIsSaved() {
        assertThatThrownBy(() -> PostbackTemplate.parse("https://pub.example/p?c={clickid}&x={amount}"))
            .isInstanceOf(InvalidPostbackTemplateException.class)
            .hasMessageContaining("{amount}")
            .hasMessageContaining("{clickid}");
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://pub.example/p?c={click_id", "https://pub.example/p?c=click_id}",
            "ftp://pub.example/p", "pub.example/p?c={click_id}", "https://{sub1}.example/p",
            "https://pub.example:{sub1}/p", "http:///nohost", "https://pub example/p" })
    void aTemplateThatCouldNotBeSentAsWrittenIsRefused(String url) {
        assertThatThrownBy(() -> PostbackTemplate.parse(url)).isInstanceOf(InvalidPostbackTemplateException.class);
    }
}

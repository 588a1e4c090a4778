package io.ponte.plugins.shopee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.Health;
import io.ponte.plugins.shopee.fake.FakeShopee;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.kit.PluginJson;
import io.ponte.testkit.fake.Answer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Shopee's error answers, with HTTP 200 or not, become the action outcomes and health they mean. */
class ShopeeErrorsTest {

    private static ActionResult getOrder(FakeShopee fake, TestConnectorContext context) {
        Connector connector = new ShopeeConnectorFactory().open(context);
        return connector.invoke(new ActionRequest(ActionNames.ORDER_GET,
                PluginJson.mapper().createObjectNode().put("orderId", "251214B9XAB0ST"), null, "dlv_1", 1));
    }

    @Test
    void an_error_answered_with_http_200_is_an_error_not_a_success() {
        try (FakeShopee fake = Shops.fake()) {
            fake.enqueue(FakeShopee.error(200, "error_param", "Wrong parameters, detail: order_sn_list."));
            ActionResult result = getOrder(fake, Shops.context(fake));
            assertEquals(ActionResult.failed("get_order_detail: Shopee answered error_param: Wrong parameters, "
                    + "detail: order_sn_list."), result);
        }
    }

    @Test
    void rate_limits_and_server_errors_are_retried_with_shopees_retry_after() {
        try (FakeShopee fake = Shops.fake()) {
            fake.enqueue(FakeShopee.error(429, "error_too_many_request", "Too many requests.")
                    .withHeader("Retry-After", "7"));
            ActionResult limited = getOrder(fake, Shops.context(fake));
            assertEquals(Duration.ofSeconds(7), ((ActionResult.Retry) limited).after());
            fake.enqueue(FakeShopee.error(200, "error_server", "Something wrong. Please try later."));
            assertInstanceOf(ActionResult.Retry.class, getOrder(fake, Shops.context(fake)));
            fake.enqueue(Answer.text(502, "<html>bad gateway</html>"));
            assertInstanceOf(ActionResult.Retry.class, getOrder(fake, Shops.context(fake)));
            fake.enqueue(Answer.text(200, "<html>a proxy</html>"));
            assertInstanceOf(ActionResult.Retry.class, getOrder(fake, Shops.context(fake)));
        }
    }

    @Test
    void a_wrong_sign_fails_and_reports_the_connection_down_naming_the_partner_key() {
        try (FakeShopee fake = Shops.fake()) {
            TestConnectorContext context = TestConnectorContext.of(new ShopeeConnectorFactory(),
                    Shops.config(fake.baseUrl()).replace(Shops.PARTNER_KEY, "another_partner_key_0000"));
            ActionResult result = getOrder(fake, context);
            assertInstanceOf(ActionResult.Failed.class, result);
            assertTrue(((ActionResult.Failed) result).reason().contains("error_sign"), result.toString());
            Health last = context.reportedHealth().get(context.reportedHealth().size() - 1);
            assertEquals(Health.Status.DOWN, last.status());
            assertTrue(last.detail().contains("partnerKey"), last.detail());
        }
    }

    @Test
    void the_reference_error_body_fails_the_call_with_shopees_words() {
        try (FakeShopee fake = Shops.fake()) {
            fake.enqueue(Answer.json(200, FakeShopee.fixtureText("error-response.RECONSTRUCTED.json")));
            ActionResult result = getOrder(fake, Shops.context(fake));
            assertEquals(ActionResult.failed("get_order_detail: Shopee answered error_sign: Wrong sign.; check "
                    + "partnerId and partnerKey against the App in Shopee's console"), result);
        }
    }

    @Test
    void module_prefixed_errors_are_read_by_their_last_part() {
        assertInstanceOf(ActionResult.Failed.class, ShopeeErrors.verdict(200, "product.error_param", "x").result());
        assertInstanceOf(ActionResult.Retry.class, ShopeeErrors.verdict(200, "product.error_server", "x").result());
        assertEquals(Health.Status.DOWN, ShopeeErrors.verdict(403, "error_auth", "Invalid access_token.").health()
                .status());
        assertInstanceOf(ActionResult.Retry.class, ShopeeErrors.verdict(503, "error_unknown", "x").result());
    }
}

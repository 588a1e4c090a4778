package io.ponte.plugins.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Health;
import io.ponte.kit.ProviderResponse;
import io.ponte.kit.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Salesforce's documented answers (the fixtures) read as the plugin must read them. */
class WireFormatTest {

    private final SalesforceErrors errors = new SalesforceErrors();

    private static byte[] fixture(String name) {
        try (InputStream in = WireFormatTest.class.getResourceAsStream("/salesforce/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Verdict classify(int status, String fixture) {
        return errors.classify(new ProviderResponse(status, null, fixture(fixture)));
    }

    @Test
    void an_invalid_session_asks_for_a_refresh_without_reporting_the_connection_down() {
        Verdict verdict = classify(401, "api/error-401-invalid-session.json");
        assertThat(verdict.result()).isEqualTo(ActionResult.retry(SalesforceErrors.SESSION_EXPIRED));
        assertThat(verdict.health()).isNull();
    }

    @Test
    void the_request_limit_is_worth_another_try_and_a_missing_field_fails_naming_it() {
        assertThat(classify(403, "api/error-403-request-limit.json").result())
                .isInstanceOf(ActionResult.Retry.class);
        Verdict missing = classify(400, "api/error-400-required-field.json");
        assertThat(missing.result()).isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason())
                .contains("REQUIRED_FIELD_MISSING").contains("Required fields are missing: [LastName]")
                .contains("LastName"));
        assertThat(missing.health()).isNull();
        Verdict insufficient = errors.classify(new ProviderResponse(403, null,
                "[{\"message\":\"no access\",\"errorCode\":\"INSUFFICIENT_ACCESS\"}]".getBytes()));
        assertThat(insufficient.health()).extracting(Health::status).isEqualTo(Health.down("x").status());
    }

    @Test
    void reads_timestamps_as_the_rest_api_writes_them_and_writes_soql_literals() {
        assertThat(Soql.instant("2026-12-06T03:10:42.000+0000").toString()).isEqualTo("2026-12-06T03:10:42Z");
        assertThat(Soql.dateTime(Soql.instant("2026-12-06T03:10:42.731+0000"))).isEqualTo("2026-12-06T03:10:42Z");
        assertThat(Soql.literal("O'Brien \\ \"x\"\n")).isEqualTo("'O\\'Brien \\\\ \\\"x\\\"\\n'");
    }

    @Test
    void a_composite_answer_names_the_failed_subrequest_not_the_halted_ones() {
        var body = new ProviderResponse(200, null, fixture("api/composite-response-halted.json")).json();
        java.util.List<String> codes = new java.util.ArrayList<>();
        String said = SalesforceErrors.describe(body.at("/compositeResponse/1/body"), codes);
        assertThat(codes).containsExactly("MALFORMED_ID");
        assertThat(said).contains("Contact ID: id value of incorrect type");
    }
}

package io.ponte.plugins.pipedrive;

import static io.ponte.plugins.pipedrive.Companies.action;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionResult;
import io.ponte.plugins.pipedrive.fake.FakePipedrive;
import io.ponte.testkit.fake.Recorded;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** contact.upsert on Pipedrive persons: found by e-mail, then phone; created once, whatever the retries. */
class ContactUpsertTest {

    private static final String ANA = """
            {"name":"Ana Souza","email":"Ana@Example.com","phone":"+55 (11) 98765-0001"}""";

    @Test
    void creates_a_person_with_the_normalized_phone_when_none_matches() {
        try (FakePipedrive fake = new FakePipedrive()) {
            ActionResult result = Companies.open(Companies.context(fake)).invoke(action(ActionNames.CONTACT_UPSERT,
                    ANA));
            assertThat(result).isInstanceOfSatisfying(ActionResult.Delivered.class, d -> {
                assertThat(d.output().get("created").asBoolean()).isTrue();
                assertThat(d.externalRef()).isEqualTo(d.output().get("id").asText());
            });
            Recorded create = fake.requests(r -> r.method().equals("POST")).get(0);
            assertThat(create.path()).isEqualTo("/api/v2/persons");
            assertThat(create.header("x-api-token")).isEqualTo(FakePipedrive.TOKEN);
            JsonNode body = create.bodyJson();
            assertThat(body.get("name").asText()).isEqualTo("Ana Souza");
            assertThat(body.at("/phones/0/value").asText()).isEqualTo("+5511987650001");
            assertThat(body.at("/emails/0/value").asText()).isEqualTo("Ana@Example.com");
            assertThat(fake.requests(r -> r.path().equals("/api/v2/persons/search")))
                    .extracting(r -> r.queryParams().get("fields") + "=" + r.queryParams().get("term") + ","
                            + r.queryParams().get("exact_match"))
                    .containsExactly("email=ana@example.com,true", "phone=+5511987650001,true");
        }
    }

    @Test
    void updates_the_person_found_by_phone_adding_the_missing_email() {
        try (FakePipedrive fake = new FakePipedrive()) {
            long id = fake.addPerson("Ana", null, "5511987650001");
            ActionResult result = Companies.open(Companies.context(fake)).invoke(action(ActionNames.CONTACT_UPSERT,
                    ANA));
            assertThat(result).isInstanceOfSatisfying(ActionResult.Delivered.class, d -> {
                assertThat(d.output().get("id").asText()).isEqualTo(Long.toString(id));
                assertThat(d.output().get("created").asBoolean()).isFalse();
            });
            assertThat(fake.persons()).hasSize(1);
            JsonNode patch = fake.requests(r -> r.method().equals("PATCH")).get(0).bodyJson();
            assertThat(patch.get("name").asText()).isEqualTo("Ana Souza");
            assertThat(patch.at("/emails/0/value").asText()).isEqualTo("Ana@Example.com");
            assertThat(fake.persons().get(id).at("/phones/0/value").asText()).isEqualTo("5511987650001");
        }
    }

    @Test
    void a_storm_of_429s_and_5xx_ends_with_one_person_and_the_retry_after_honoured() {
        try (FakePipedrive fake = new FakePipedrive()) {
            PipedriveConnector connector = Companies.open(Companies.context(fake));
            fake.enqueue(FakePipedrive.rateLimited(7));
            fake.enqueue(FakePipedrive.serverError(502));
            fake.enqueue(FakePipedrive.serverError(503));
            ActionResult first = connector.invoke(action(ActionNames.CONTACT_UPSERT, ANA, "dlv_STORM", 1));
            assertThat(first).isInstanceOfSatisfying(ActionResult.Retry.class,
                    r -> assertThat(r.after()).isEqualTo(Duration.ofSeconds(7)));
            assertThat(connector.invoke(action(ActionNames.CONTACT_UPSERT, ANA, "dlv_STORM", 2)))
                    .isInstanceOf(ActionResult.Retry.class);
            assertThat(connector.invoke(action(ActionNames.CONTACT_UPSERT, ANA, "dlv_STORM", 3)))
                    .isInstanceOf(ActionResult.Retry.class);
            assertThat(connector.invoke(action(ActionNames.CONTACT_UPSERT, ANA, "dlv_STORM", 4)))
                    .isInstanceOf(ActionResult.Delivered.class);
            // a redelivery after the answer was lost: the same person, no second create
            assertThat(connector.invoke(action(ActionNames.CONTACT_UPSERT, ANA, "dlv_STORM", 5)))
                    .isInstanceOfSatisfying(ActionResult.Delivered.class,
                            d -> assertThat(d.output().get("created").asBoolean()).isTrue());
            assertThat(fake.persons()).hasSize(1);
            assertThat(fake.requests(r -> r.method().equals("POST"))).hasSize(1);
        }
    }

    @Test
    void a_person_without_email_or_phone_is_created_once_across_redeliveries() {
        try (FakePipedrive fake = new FakePipedrive()) {
            PipedriveConnector connector = Companies.open(Companies.context(fake));
            connector.invoke(action(ActionNames.CONTACT_UPSERT, "{\"name\":\"Bia\"}", "dlv_B", 1));
            connector.invoke(action(ActionNames.CONTACT_UPSERT, "{\"name\":\"Bia\"}", "dlv_B", 2));
            assertThat(fake.persons()).hasSize(1);
        }
    }

    @Test
    void fails_without_anything_to_find_or_create_a_person_by() {
        try (FakePipedrive fake = new FakePipedrive()) {
            assertThat(Companies.open(Companies.context(fake)).invoke(action(ActionNames.CONTACT_UPSERT,
                    "{\"properties\":{}}"))).isInstanceOf(ActionResult.Failed.class);
            assertThat(fake.requests()).isEmpty();
        }
    }
}

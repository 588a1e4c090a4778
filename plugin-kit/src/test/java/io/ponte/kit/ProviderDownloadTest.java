package io.ponte.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.action.ActionResult;
import io.ponte.api.media.MediaFetchException;
import io.ponte.testkit.TestConnectorContext;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Downloads for a media fetcher: the body handed over unread, and no answer as a media failure. */
class ProviderDownloadTest {

    private final Provider provider = Provider.builder(TestConnectorContext.of(new ProviderTest.NoConfig(), "{}"),
            "the CDN").build();

    @Test
    void hands_over_the_answer_with_its_body_unread_whatever_the_status() throws Exception {
        try (ProviderTest.FakeApi cdn = new ProviderTest.FakeApi()) {
            HttpResponse<InputStream> found = provider.download(provider.request(cdn.root().resolve("/send")).build());
            HttpResponse<InputStream> gone = provider.download(provider.request(cdn.root().resolve("/f/2")).build());

            try (InputStream body = found.body()) {
                assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"m1\"}");
            }
            gone.body().close();
            assertThat(found.statusCode()).isEqualTo(200);
            assertThat(gone.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void a_download_that_gets_no_answer_may_work_later_and_never_quotes_the_url() {
        URI gone;
        try (ProviderTest.FakeApi cdn = new ProviderTest.FakeApi()) {
            gone = cdn.root();
        }
        URI url = gone.resolve("/file/secret-token/photo.jpg");

        assertThatThrownBy(() -> provider.download(provider.request(url).build()))
                .isInstanceOfSatisfying(MediaFetchException.class, e -> assertThat(e.retriable()).isTrue())
                .hasMessageStartingWith("could not reach the CDN: ")
                .hasMessageNotContaining("secret-token");
    }

    @Test
    void a_call_that_was_not_delivered_is_a_media_failure_with_its_reason() {
        MediaFetchException later = Provider.mediaFailure(ActionResult.retry("the CDN answered HTTP 503"));
        MediaFetchException never = Provider.mediaFailure(ActionResult.failed("the CDN answered HTTP 404"));

        assertThat(later.retriable()).isTrue();
        assertThat(later).hasMessage("the CDN answered HTTP 503");
        assertThat(never.retriable()).isFalse();
        assertThat(never).hasMessage("the CDN answered HTTP 404");
    }
}

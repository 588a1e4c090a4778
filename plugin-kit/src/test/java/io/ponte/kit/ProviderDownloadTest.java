package io.ponte.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.action.ActionResult;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.media.MediaFetchException;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.FakeProvider;
import io.ponte.testkit.fake.Recorded;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Downloads for a media fetcher: the body handed over unread, and no answer as a media failure. */
class ProviderDownloadTest {

    /** A connector type that only lends the tests a context. */
    private static final ConnectorFactory NONE = new ConnectorFactory() {
        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor("cdn", Category.CHANNEL, "CDN", "A file server.", ConfigSpec.of(),
                    List.of(), List.of());
        }

        @Override
        public Connector open(ConnectorContext context) {
            throw new UnsupportedOperationException("the tests use only the context");
        }
    };

    private final Provider provider = Provider.builder(TestConnectorContext.of(NONE, "{}"), "the CDN").build();

    @Test
    void hands_over_the_answer_with_its_body_unread_whatever_the_status() throws Exception {
        try (FakeProvider cdn = cdn()) {
            HttpResponse<InputStream> found = provider.download(provider.request(cdn.root().resolve("/f/1")).build());
            HttpResponse<InputStream> gone = provider.download(provider.request(cdn.root().resolve("/f/2")).build());

            try (InputStream body = found.body()) {
                assertThat(body.readAllBytes()).containsExactly(1, 2, 3);
            }
            gone.body().close();
            assertThat(found.statusCode()).isEqualTo(200);
            assertThat(gone.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void a_download_that_gets_no_answer_may_work_later_and_never_quotes_the_url() throws Exception {
        URI gone;
        try (FakeProvider cdn = cdn()) {
            gone = cdn.root();
        }
        URI url = gone.resolve("/file/secret-token/photo.jpg");

        assertThatThrownBy(() -> provider.download(provider.request(url).build()))
                .isInstanceOfSatisfying(MediaFetchException.class, e -> assertThat(e.retriable()).isTrue())
                .hasMessageStartingWith("could not reach the CDN: ")
                .hasMessageNotContaining("secret-token");
    }

    /** Serves {@code /f/1}; anything else is 404. */
    private static FakeProvider cdn() {
        return new FakeProvider() {
            @Override
            protected Answer answer(Recorded request) {
                return Answer.bytes(request.path().equals("/f/1") ? 200 : 404, "image/png", new byte[] {1, 2, 3});
            }
        };
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

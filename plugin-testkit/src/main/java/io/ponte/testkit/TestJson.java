package io.ponte.testkit;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ponte.api.message.MessageJson;

/** The test kit's own JSON mapper, with the model's settings. */
final class TestJson {

    static final JsonMapper MAPPER = MessageJson.newMapper();

    private TestJson() {
    }
}

package io.ponte.plugins.http;

import io.ponte.api.connector.ConnectorFactory;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import io.ponte.testkit.ConnectorContract;

/** The shared connector contract (plugin-testkit), applied to the http connector. */
class HttpConnectorContractTest extends ConnectorContract {

    @Override
    protected ConnectorFactory factory() {
        return new HttpConnectorFactory();
    }

    @Override
    protected String validConfig() {
        return """
                {"url":"http://127.0.0.1:9/out","secret":"contract-secret-value",
                 "headers":{"Authorization":"Bearer contract-header-token"}}""";
    }

    /** Signs garbage bodies correctly, so the contract reaches the parser, not only the signature check. */
    @Override
    protected Map<String, List<String>> webhookHeaders(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("contract-secret-value".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Map.of("X-Ponte-Signature", List.of("sha256=" + HexFormat.of().formatHex(mac.doFinal(body))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

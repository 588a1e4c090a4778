package io.ponte.bench.camel;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;

/**
 * The peer the hub is measured against: what an integrator would write with Apache Camel for "take a webhook, drop
 * repeats durably, deliver it to the target". {@code POST /hooks/<any>} with {@code {"id","from","name","text"}} →
 * JDBC idempotent repository (H2 file or PostgreSQL, one insert per message) → synchronous HTTP POST of
 * {@code {"to","text"}} to the sink → {@code 200 {"received":1}}. A repeat is answered 200 without delivering.
 *
 * <p>Usage: {@code java -cp ... io.ponte.bench.camel.CamelPeer --port=N --sink=http://127.0.0.1:P/msg
 * --jdbc=jdbc:h2:file:/tmp/x [--jdbc-user=sa]}.
 */
public final class CamelPeer {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private CamelPeer() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + a);
            }
            opts.put(a.substring(2, eq), a.substring(eq + 1));
        }
        String port = required(opts, "port");
        String sink = required(opts, "sink");
        HikariConfig db = new HikariConfig();
        db.setJdbcUrl(required(opts, "jdbc"));
        db.setUsername(opts.getOrDefault("jdbc-user", db.getJdbcUrl().startsWith("jdbc:h2:") ? "sa" : null));
        db.setMaximumPoolSize(Integer.parseInt(opts.getOrDefault("pool", "10")));
        HikariDataSource dataSource = new HikariDataSource(db);
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, "bench");

        Main main = new Main();
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.addInitialProperty("camel.server.port", port);
        main.addInitialProperty("camel.main.name", "ponte-bench-peer");
        main.bind("processed", repository);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/health/ready?httpMethodRestrict=GET")
                        .setBody(constant("{\"status\":\"up\"}"));

                from("platform-http:/hooks/{id}?httpMethodRestrict=POST")
                        .unmarshal().json(JsonLibrary.Jackson, Map.class)
                        .process(e -> {
                            Map<?, ?> in = e.getMessage().getBody(Map.class);
                            e.getMessage().setHeader("messageId", String.valueOf(in.get("id")));
                            Map<String, Object> out = new LinkedHashMap<>();
                            out.put("to", in.get("from"));
                            out.put("text", in.get("text"));
                            e.getMessage().setBody(JSON.writeValueAsString(out));
                        })
                        .idempotentConsumer(header("messageId")).idempotentRepository("processed")
                            .removeHeaders("*")
                            .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                            .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                            .to(sink + "?throwExceptionOnFailure=true")
                        .end()
                        .removeHeaders("*")
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                        .setBody(constant("{\"received\":1}"));
            }
        });
        main.run();
    }

    private static String required(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + name + "= is required");
        }
        return v;
    }
}

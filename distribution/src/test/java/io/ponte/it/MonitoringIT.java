package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.json.HubJson;
import io.ponte.hub.testing.HttpSink;
import io.ponte.hub.testing.TestHub;
import io.ponte.plugins.openai.fake.FakeChatCompletions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Grafana dashboard and the Prometheus alert rules the distribution ships read metrics the hub really exports:
 * a hub with traffic (a channel, an agent answering through the OpenAI fake, a forged webhook) is scraped, and every
 * metric name in every dashboard query and rule expression must be in the scrape.
 */
class MonitoringIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @Test
    void every_metric_the_dashboard_and_the_alert_rules_name_is_exported_by_a_busy_hub() throws IOException {
        Path monitoring = Distribution.dir().resolve("monitoring");
        List<String> dashboard = dashboardQueries(HubJson.mapper().readTree(
                Files.readString(monitoring.resolve("grafana-dashboard.json"))));
        List<Map<String, Object>> rules = rules(Files.readString(monitoring.resolve("prometheus-alerts.yaml")));
        List<String> expressions = new ArrayList<>(dashboard);
        rules.forEach(r -> expressions.add((String) r.get("expr")));
        Set<String> named = new TreeSet<>();
        expressions.forEach(e -> named.addAll(metricNames(e)));
        assertThat(dashboard).hasSizeGreaterThan(20);
        assertThat(rules).extracting(r -> r.get("alert")).contains("PonteDeadDeliveriesRising",
                "PonteCircuitBreakerOpen", "PonteWebhookSignatureFailures", "PonteOutboxStalled", "PonteAgentSpendHigh");
        assertThat(named).contains("ponte_events_stored_total", "ponte_delivery_attempts_total",
                "ponte_delivery_end_to_end_seconds_bucket", "ponte_breaker_open",
                "ponte_webhook_signature_failures_total", "ponte_outbox_oldest_age_seconds",
                "ponte_plugin_agent_cost_usd_total", "jvm_memory_used_bytes");
        // the check itself: a made-up name is caught, a function, a label or a range is not taken for one
        assertThat(metricNames("sum by (le, connection) (rate(ponte_nope_total{outcome=\"dead\"}[5m] offset 1h)) > 2"))
                .containsExactly("ponte_nope_total");

        try (FakeChatCompletions openai = new FakeChatCompletions();
             HttpSink sink = new HttpSink();
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String chat = hub.createConnection("http", "site chat", Map.of("url", sink.url("/out")));
            String signed = hub.createConnection("http", "signed", Map.of("url", sink.url("/signed"),
                    "secret", "a-long-enough-shared-secret-0123456789"));
            String agent = hub.createConnection("openai-agent", "assistant", Map.of("apiKey", openai.apiKey(),
                    "baseUrl", openai.baseUrl(), "model", "gpt-4o-mini"));
            hub.createRoute("""
                    {"name":"agent answers","match":{"source":"%s","type":"message.inbound"},
                     "actions":[{"target":"%s","action":"agent.reply"}]}""".formatted(chat, agent));
            openai.enqueue(FakeChatCompletions.Answer.text("Olá!"));
            assertThat(hub.hook(chat, "{\"id\":\"m1\",\"from\":\"5511987650001\",\"text\":\"oi\"}").status())
                    .isEqualTo(200);
            assertThat(hub.hook(signed, "{\"id\":\"f1\",\"from\":\"1\",\"text\":\"forged\"}").status())
                    .isEqualTo(401);
            TestHub.await("the agent's answer delivered", WAIT, () -> sink.count() == 1);

            java.util.concurrent.atomic.AtomicReference<Set<String>> missing = new java.util.concurrent.atomic
                    .AtomicReference<>(named);
            try {
                TestHub.await("a scrape with every metric (gauges refresh every 5 s)", WAIT, () -> {
                    Set<String> exported = exported(hub.get("/metrics").body());
                    missing.set(named.stream().filter(n -> !exported.contains(n))
                            .collect(Collectors.toCollection(TreeSet::new)));
                    return missing.get().isEmpty();
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // reported below, naming what is missing
            }
            assertThat(missing.get()).as("metrics the dashboard or the rules name but the hub does not export")
                    .isEmpty();
        }
    }

    /** Every PromQL query of the dashboard: panel targets (rows' nested panels too) and template variables. */
    private static List<String> dashboardQueries(JsonNode dashboard) {
        List<String> out = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            List<JsonNode> all = new ArrayList<>(List.of(panel));
            panel.path("panels").forEach(all::add);
            for (JsonNode p : all) {
                p.path("targets").forEach(t -> out.add(t.get("expr").asText()));
            }
        }
        for (JsonNode variable : dashboard.at("/templating/list")) {
            if (variable.get("type").asText().equals("query")) {
                JsonNode q = variable.get("query");
                String query = q.isTextual() ? q.asText() : q.get("query").asText();
                Matcher labelValues = Pattern.compile("label_values\\((\\w+)").matcher(query);
                assertThat(labelValues.find()).as(query).isTrue();
                out.add(labelValues.group(1));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules(String yaml) {
        Map<String, Object> doc = new Yaml().load(yaml);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                assertThat(rule).containsKeys("alert", "expr", "labels", "annotations");
                assertThat((Map<String, Object>) rule.get("labels")).containsKey("severity");
                assertThat((Map<String, Object>) rule.get("annotations")).containsKey("summary");
                out.add(rule);
            }
        }
        return out;
    }

    /**
     * The metric names of a PromQL expression: identifiers left once label matchers, ranges, grouping clauses and
     * strings are removed, that are neither functions (followed by '(') nor keywords.
     */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"[^\"]*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\boffset\\s+\\w+", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String word = m.group();
            String after = bare.substring(m.end()).stripLeading();
            if (!after.startsWith("(") && !PROMQL_WORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
                names.add(word);
            }
        }
        return names;
    }

    /** The sample names of a Prometheus text scrape. */
    private static Set<String> exported(String scrape) {
        return Arrays.stream(scrape.split("\n")).filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toSet());
    }
}

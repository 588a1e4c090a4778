#!/usr/bin/env bash
# Ponte benchmark: for each database, measures
#   (a) the ceiling: a bare Javalin server that only parses the webhook JSON (bench Ceiling), closed loop;
#   (a2) the peer: an Apache Camel route (bench/camel) doing the same job, closed loop, end to end to the same sink;
#   (a3) the relay ceiling: a bare Javalin server that parses and POSTs each webhook to the same sink, storing nothing;
#   (b) the hub: ingest req/s and latency, closed loop, plus end-to-end msg/s until the sink has every message;
#   (c) the hub's latency under an open-loop load at a fixed share (default 50%) of the ceiling rate, and the relay's
#       at the same rate (the latency floor of its two HTTP exchanges here).
# Every process (load generator, sink, ceiling, ponte, the database) shares this machine's cores, so the numbers
# compare configurations on one machine; they are not a capacity figure for a dedicated server.
#
# Usage:  bench/run.sh                      (knobs are environment variables; see bench/README.md)
#         BENCH_N=5000 BENCH_DBS=h2 bench/run.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

N=${BENCH_N:-50000}
C=${BENCH_CONCURRENCY:-64}
WARMUP=${BENCH_WARMUP:-30000}
CONTACTS=${BENCH_CONTACTS:-1000}
BATCH=${BENCH_BATCH:-20}
HOT_N=${BENCH_HOT_N:-5000}          # messages of the one-hot-conversation phase
HOT_BATCH=${BENCH_HOT_BATCH:-100}   # per request there
DBS=${BENCH_DBS:-h2 postgresql}
LATENCY_PERCENT=${BENCH_LATENCY_PERCENT:-50}
LATENCY_BASIS=${BENCH_LATENCY_BASIS:-ceiling}   # ceiling | hub: whose closed-loop req/s the percentage applies to
LATENCY_RATE=${BENCH_LATENCY_RATE:-}            # absolute req/s; overrides BENCH_LATENCY_PERCENT
LATENCY_N=${BENCH_LATENCY_N:-$N}
LATENCY_C=${BENCH_LATENCY_CONCURRENCY:-256}     # only caps requests in flight in the open loop
DELIVERY_CONCURRENCY=${BENCH_DELIVERY_CONCURRENCY:-256}
SINK_DELAY_MS=${BENCH_SINK_DELAY_MS:-0}
SINK_TIMEOUT_S=${BENCH_SINK_TIMEOUT_S:-600}
SINK_STALL_S=${BENCH_SINK_STALL_S:-30}          # give up waiting when nothing new was delivered for this long
PHASE_TIMEOUT_S=${BENCH_PHASE_TIMEOUT_S:-$((2 * SINK_TIMEOUT_S + 600))}  # hard cap on one load-generator process
PG_URL=${BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
PSQL=(psql -h 127.0.0.1 -p 5432 -U postgres -d test -v ON_ERROR_STOP=1 -q -At)
RESULTS_DIR=${BENCH_RESULTS_DIR:-bench/results}
KEEP=${BENCH_KEEP:-0}                           # 1 keeps the work dir (logs, H2 files) and the PG schemas
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

# ---------------------------------------------------------------------------------------------------------------- build
command -v jq >/dev/null || die "jq is required"
command -v curl >/dev/null || die "curl is required"
if [[ ! -f distribution/target/ponte/ponte.jar || ${BENCH_BUILD:-0} == 1 ]]; then
    # package, never install: installed snapshots in ~/.m2 outlive the checkout and feed stale modules to later builds
    log "building Ponte (mvn -B -q package -DskipTests)"
    mvn -B -q package -DskipTests
fi
if [[ ! -f bench/target/bench-0.1.0-SNAPSHOT.jar ]] || [[ -n $(find bench/src bench/pom.xml -newer bench/target/bench-0.1.0-SNAPSHOT.jar) ]]; then
    log "building the bench module"
    mvn -B -q -pl bench -am package -DskipTests
fi
if [[ ! -f bench/camel/target/bench-camel-0.1.0-SNAPSHOT.jar ]] || [[ -n $(find bench/camel/src bench/camel/pom.xml -newer bench/camel/target/bench-camel-0.1.0-SNAPSHOT.jar) ]]; then
    log "building the Camel peer (bench/camel)"
    mvn -B -q -pl bench/camel package -DskipTests
fi
# A private copy: the distribution may be rebuilt by someone else while the benchmark runs. BENCH_DIST measures
# another build (a copy of an earlier commit's distribution/target/ponte) beside this one's peers.
DIST=${BENCH_DIST:-distribution/target/ponte}
[[ -f $DIST/ponte.jar ]] || die "no ponte.jar in $DIST"
cp -r "$DIST" "$WORK/ponte"
mkdir -p "$RESULTS_DIR"
GIT_REV=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
JAVA_VERSION=$("$JAVA" -version 2>&1 | head -n 1)
CPU_MODEL=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo unknown)
log "work dir $WORK; N=$N C=$C warmup=$WARMUP contacts=$CONTACTS; all processes share $(nproc) cores"

SUMMARY=()
for DB in $DBS; do
    [[ $DB == h2 || $DB == postgresql ]] || die "unknown database '$DB' in BENCH_DBS (h2, postgresql)"
    STAMP=$(date +%Y%m%d-%H%M%S)
    # ------------------------------------------------------------------------------------------- (a) ceiling
    CEILING_PORT=$(free_port)
    start_bg "ceiling-$DB" "$JAVA" -cp "$BENCH_CP" io.ponte.bench.Ceiling --port="$CEILING_PORT"
    CEILING_PID=$LAST_PID
    wait_ready "ceiling-$DB" "$CEILING_PID" "http://127.0.0.1:$CEILING_PORT/health/ready" 60
    log "[$DB] ceiling: closed loop, $N requests, C=$C"
    loadgen "$WORK/$DB-ceiling.json" --label=ceiling --url="http://127.0.0.1:$CEILING_PORT/hooks/bench" \
        --n="$N" --warmup="$WARMUP" --concurrency="$C" --contacts="$CONTACTS" --run="c$STAMP" --watch-pid="$CEILING_PID"
    alive "ceiling-$DB" "$CEILING_PID"
    stop_pid "$CEILING_PID"
    CEILING_RPS=$(jq -r .reqPerS "$WORK/$DB-ceiling.json")
    log "[$DB] ceiling: $CEILING_RPS req/s"

    SINK_PORT=$(free_port)
    start_bg "sink-$DB" "$JAVA" -cp "$BENCH_CP" io.ponte.bench.Sink --port="$SINK_PORT" --delay-ms="$SINK_DELAY_MS"
    SINK_PID=$LAST_PID
    wait_ready "sink-$DB" "$SINK_PID" "http://127.0.0.1:$SINK_PORT/health/ready" 60

    # ------------------------------------------------------------------- (a2) the peer: an Apache Camel route
    # platform-http → JDBC idempotent repository (same database kind) → synchronous HTTP POST to the same sink.
    CAMEL_PORT=$(free_port)
    if [[ $DB == postgresql ]]; then
        CAMEL_SCHEMA="bench_camel_$(date +%s)_$$"
        "${PSQL[@]}" -c "CREATE SCHEMA $CAMEL_SCHEMA" >/dev/null || die "cannot create PG schema for the Camel peer"
        SCHEMAS+=("$CAMEL_SCHEMA")
        CAMEL_JDBC="$PG_URL$([[ $PG_URL == *\?* ]] && echo '&' || echo '?')currentSchema=$CAMEL_SCHEMA"
    else
        CAMEL_JDBC="jdbc:h2:file:$WORK/camel-h2/peer"
    fi
    start_bg "camel-$DB" "$JAVA" -cp "$CAMEL_CP" io.ponte.bench.camel.CamelPeer --port="$CAMEL_PORT" \
        --sink="http://127.0.0.1:$SINK_PORT/msg" --jdbc="$CAMEL_JDBC"
    CAMEL_PID=$LAST_PID
    wait_ready "camel-$DB" "$CAMEL_PID" "http://127.0.0.1:$CAMEL_PORT/health/ready" 120
    log "[$DB] Camel peer: closed loop, $N requests, C=$C"
    loadgen "$WORK/$DB-camel.json" --label=camel --url="http://127.0.0.1:$CAMEL_PORT/hooks/bench" --n="$N" \
        --warmup="$WARMUP" --concurrency="$C" --contacts="$CONTACTS" --run="k$STAMP" \
        --sink="http://127.0.0.1:$SINK_PORT" --watch-pid="$CAMEL_PID"
    alive "camel-$DB" "$CAMEL_PID"
    stop_pid "$CAMEL_PID"
    log "[$DB] Camel peer: $(jq -r .reqPerS "$WORK/$DB-camel.json") req/s; end-to-end $(jq -r .delivery.e2eMsgPerS "$WORK/$DB-camel.json") msg/s"

    # ----------------------------------------------------- (a3) the relay ceiling: two HTTP exchanges, no storage
    # Parse, POST to the same sink, answer: what any relay pays here, durable or not. It bounds hub/Camel.
    RELAY_PORT=$(free_port)
    start_bg "relay-$DB" "$JAVA" -cp "$BENCH_CP" io.ponte.bench.Relay --port="$RELAY_PORT" \
        --sink="http://127.0.0.1:$SINK_PORT/msg"
    RELAY_PID=$LAST_PID
    wait_ready "relay-$DB" "$RELAY_PID" "http://127.0.0.1:$RELAY_PORT/health/ready" 60
    log "[$DB] relay ceiling: closed loop, $N requests, C=$C"
    loadgen "$WORK/$DB-relay.json" --label=relay --url="http://127.0.0.1:$RELAY_PORT/hooks/bench" --n="$N" \
        --warmup="$WARMUP" --concurrency="$C" --contacts="$CONTACTS" --run="r$STAMP" \
        --sink="http://127.0.0.1:$SINK_PORT" --watch-pid="$RELAY_PID"
    alive "relay-$DB" "$RELAY_PID"   # kept up, idle, for its open loop after the hub's phases
    log "[$DB] relay ceiling: end-to-end $(jq -r .delivery.e2eMsgPerS "$WORK/$DB-relay.json") msg/s"

    # ------------------------------------------------------------------------------------- (b) hub closed loop

    HUB_PORT=$(free_port)
    DATA_DIR="$WORK/data-$DB"
    mkdir -p -m 700 "$DATA_DIR"   # as the hub makes a new one (else it warns that others can read it)
    HUB_ENV=(PONTE_HTTP_HOST=127.0.0.1 PONTE_HTTP_PORT="$HUB_PORT" PONTE_DATA_DIR="$DATA_DIR"
             PONTE_ADMIN_TOKEN="$TOKEN" PONTE_LOG_LEVEL=WARN PONTE_PLUGINS_DIR="$WORK/ponte/plugins"
             PONTE_RATE_LIMIT_HOOKS="${PONTE_RATE_LIMIT_HOOKS:-off}"
             PONTE_MASTER_KEY="$(head -c 32 /dev/urandom | base64)")
    if [[ $DB == postgresql ]]; then
        SCHEMA="bench_$(date +%s)_$$"
        "${PSQL[@]}" -c "CREATE SCHEMA $SCHEMA" >/dev/null || die "cannot create PG schema (is PostgreSQL on 127.0.0.1:5432?)"
        SCHEMAS+=("$SCHEMA")
        HUB_ENV+=(PONTE_DB_URL="$PG_URL$([[ $PG_URL == *\?* ]] && echo '&' || echo '?')currentSchema=$SCHEMA")
    fi
    # env -u: a PONTE_DB_URL exported by the caller must not leak into the H2 run.
    start_bg "ponte-$DB" env -u PONTE_DB_URL "${HUB_ENV[@]}" "$JAVA" ${BENCH_PONTE_JAVA_OPTS:-} -jar "$WORK/ponte/ponte.jar"
    HUB_PID=$LAST_PID
    wait_ready "ponte-$DB" "$HUB_PID" "http://127.0.0.1:$HUB_PORT/health/ready" 120

    bench_route "$SINK_PORT" "$DELIVERY_CONCURRENCY"
    log "[$DB] hub up on :$HUB_PORT (pid $HUB_PID), in=$IN_ID out=$OUT_ID; closed loop, $N requests, C=$C"
    HOOK="http://127.0.0.1:$HUB_PORT/hooks/$IN_ID"
    loadgen "$WORK/$DB-hub-closed.json" --label=hub-closed --url="$HOOK" --n="$N" --warmup="$WARMUP" \
        --concurrency="$C" --contacts="$CONTACTS" --run="h$STAMP" --sink="http://127.0.0.1:$SINK_PORT" \
        --watch-pid="$HUB_PID"
    [[ $(jq .delivery.complete "$WORK/$DB-hub-closed.json") == true ]] || diagnose closed
    alive "ponte-$DB" "$HUB_PID"
    alive "sink-$DB" "$SINK_PID"
    HUB_RPS=$(jq -r .reqPerS "$WORK/$DB-hub-closed.json")
    log "[$DB] hub ingest: $HUB_RPS req/s; end-to-end $(jq -r .delivery.e2eMsgPerS "$WORK/$DB-hub-closed.json") msg/s"

    # --------------------------------------------------------------------------------- (c) hub open loop
    case $LATENCY_BASIS in
        ceiling) BASIS_FILE="$WORK/$DB-ceiling.json" ;;
        hub) BASIS_FILE="$WORK/$DB-hub-closed.json" ;;
        *) die "BENCH_LATENCY_BASIS must be ceiling or hub" ;;
    esac
    RATE=${LATENCY_RATE:-$(jq -r ".reqPerS * $LATENCY_PERCENT / 100 | floor" "$BASIS_FILE")}
    ((RATE > 0)) || RATE=1
    log "[$DB] open loop at $RATE req/s ($LATENCY_N requests; ${LATENCY_RATE:+fixed by BENCH_LATENCY_RATE}${LATENCY_RATE:-$LATENCY_PERCENT % of the $LATENCY_BASIS})"
    loadgen "$WORK/$DB-hub-open.json" --label=hub-open --url="$HOOK" --n="$LATENCY_N" --rate="$RATE" \
        --warmup=$((WARMUP / 5)) --settle-s="${BENCH_SETTLE_S:-30}" --concurrency="$LATENCY_C" --contacts="$CONTACTS" --run="o$STAMP" \
        --sink="http://127.0.0.1:$SINK_PORT" --watch-pid="$HUB_PID" \
        --metrics="http://127.0.0.1:$HUB_PORT/metrics" --metrics-token="$TOKEN" \
        ${BENCH_TRACE_DIR:+--trace="$BENCH_TRACE_DIR/$DB-hub-open.trace"}
    [[ $(jq .delivery.complete "$WORK/$DB-hub-open.json") == true ]] || diagnose open
    alive "ponte-$DB" "$HUB_PID"

    # ------------------------------------------------------------------ (d) hub closed loop, batched webhooks
    # Providers batch under load (a Meta webhook carries many messages): BATCH messages per request, C=16.
    log "[$DB] batched closed loop: $((N / BATCH)) requests of $BATCH messages, C=16"
    loadgen "$WORK/$DB-hub-batch.json" --label=hub-batch --url="$HOOK" --n=$((N / BATCH)) --batch="$BATCH" \
        --warmup=$((WARMUP / BATCH)) --concurrency=16 --contacts="$CONTACTS" --run="b$STAMP" \
        --sink="http://127.0.0.1:$SINK_PORT" --watch-pid="$HUB_PID"
    [[ $(jq .delivery.complete "$WORK/$DB-hub-batch.json") == true ]] || diagnose batch
    alive "ponte-$DB" "$HUB_PID"

    # ------------------------------------------------------------------ (e) one hot conversation
    # Every message from one contact, so the hub must deliver them strictly one after another. One request at a
    # time (C=1) of HOT_BATCH messages: the order of the messages is then defined, and ingest is not what limits.
    log "[$DB] one hot conversation: $HOT_N messages from one contact, $HOT_BATCH per request, C=1"
    loadgen "$WORK/$DB-hub-hot.json" --label=hub-hot --url="$HOOK" --n=$((HOT_N / HOT_BATCH)) --batch="$HOT_BATCH" \
        --warmup=0 --concurrency=1 --contacts=1 --run="t$STAMP" \
        --sink="http://127.0.0.1:$SINK_PORT" --watch-pid="$HUB_PID"
    [[ $(jq .delivery.complete "$WORK/$DB-hub-hot.json") == true ]] || diagnose hot
    alive "ponte-$DB" "$HUB_PID"

    # ------------------------------------------------------------------ (f) the relay, open loop at the hub's rate
    # The same schedule as (c) through the relay (the hub idle meanwhile): the latency floor of two HTTP exchanges at
    # that rate on this machine, which the hub's own open-loop latency is to be read against.
    log "[$DB] relay ceiling: open loop at $RATE req/s ($LATENCY_N requests)"
    loadgen "$WORK/$DB-relay-open.json" --label=relay-open --url="http://127.0.0.1:$RELAY_PORT/hooks/bench" \
        --n="$LATENCY_N" --rate="$RATE" --warmup=$((WARMUP / 5)) --settle-s="${BENCH_SETTLE_S:-30}" \
        --concurrency="$LATENCY_C" --contacts="$CONTACTS" \
        --run="q$STAMP" --sink="http://127.0.0.1:$SINK_PORT" --watch-pid="$RELAY_PID" \
        ${BENCH_TRACE_DIR:+--trace="$BENCH_TRACE_DIR/$DB-relay-open.trace"}
    alive "relay-$DB" "$RELAY_PID"
    stop_pid "$RELAY_PID"

    # What the hub itself says afterwards: stuck or dead deliveries, warnings in its log, its metrics.
    DEAD=$(api GET '/api/v1/deliveries?status=dead&limit=5' | jq -c '[.items[]? | {id, lastError}]')
    PENDING=$(api GET '/api/v1/deliveries?status=pending&limit=5' | jq '.items | length')
    curl -sf --max-time 10 -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HUB_PORT/metrics" \
        >"$WORK/$DB-metrics.txt" || true
    stop_pid "$HUB_PID"
    stop_pid "$SINK_PID"
    HUB_WARNINGS=$(grep -cE ' (WARN|ERROR) ' "$WORK/ponte-$DB.log" || true)

    # ------------------------------------------------------------------------------------------ report
    OUT="$RESULTS_DIR/$(date +%Y-%m-%d)-$DB.md"
    CLOSED="$WORK/$DB-hub-closed.json" OPEN="$WORK/$DB-hub-open.json" CEIL="$WORK/$DB-ceiling.json"
    BATCHED="$WORK/$DB-hub-batch.json" CAMEL="$WORK/$DB-camel.json" HOT="$WORK/$DB-hub-hot.json"
    RELAY="$WORK/$DB-relay.json" RELAY_OPEN="$WORK/$DB-relay-open.json"
    ROW=$(jq -rn --slurpfile c "$CEIL" --slurpfile h "$CLOSED" --slurpfile o "$OPEN" --slurpfile b "$BATCHED" --slurpfile k "$CAMEL" --slurpfile t "$HOT" --slurpfile r "$RELAY" --slurpfile q "$RELAY_OPEN" --arg db "$DB" '
        ($c[0]) as $c | ($h[0]) as $h | ($o[0]) as $o | ($b[0]) as $b | ($k[0]) as $k | ($t[0]) as $t | ($r[0]) as $r | ($q[0]) as $q |
        def errs(x): ([x.errors[]] | add // 0);
        "| \($db) | \($c.reqPerS) | \($h.reqPerS) | \(($h.reqPerS / $c.reqPerS * 1000 | round) / 10) % "
        + "| \($h.p50Ms) / \($h.p99Ms) | \($o.targetRate) (got \($o.reqPerS)\(if $o.reqPerS < 0.9 * $o.targetRate then ", SATURATED" else "" end)) "
        + "| \($o.p50Ms) / \($o.p99Ms) / \($o.maxMs) "
        + "| \($q.p50Ms) / \($q.p99Ms) / \($q.maxMs)\(if $q.reqPerS < 0.9 * $q.targetRate then " SATURATED" else "" end) "
        + "| \($h.delivery.e2eMsgPerS)\(if $h.delivery.complete then "" else " INCOMPLETE" end) "
        + "| \(($b.reqPerS * $b.messagesPerRequest) | floor) / \($b.delivery.e2eMsgPerS)\(if $b.delivery.complete then "" else " INCOMPLETE" end) "
        + "| \($h.cpuWhileSending.serverCpuPct) % | \(errs($h) + errs($o) + errs($b)) "
        + "| \($k.delivery.e2eMsgPerS)\(if $k.delivery.complete then "" else " INCOMPLETE" end) "
        + "| \(($h.delivery.e2eMsgPerS / $k.delivery.e2eMsgPerS * 100 | round) / 100)× "
        + "| \($r.delivery.e2eMsgPerS)\(if $r.delivery.complete then "" else " INCOMPLETE" end) "
        + "| \(($r.delivery.e2eMsgPerS / $k.delivery.e2eMsgPerS * 100 | round) / 100)× "
        + "| \($t.delivery.e2eMsgPerS)\(if $t.delivery.complete then "" else " INCOMPLETE" end) (\($t.delivery.orderInversions) inversions) |"')
    HEADER='| DB | ceiling req/s | hub ingest req/s | hub/ceiling | ingest p50 / p99 ms (C='"$C"') | open-loop rate req/s | p50 / p99 / max ms at that rate | relay ceiling at that rate, p50 / p99 / max ms | end-to-end msg/s | batched ('"$BATCH"'/request) ingest / end-to-end msg/s | hub CPU (100 % = 1 core) | ingest errors | Camel peer end-to-end msg/s | hub/Camel end to end | relay ceiling end-to-end msg/s | relay/Camel (the best hub/Camel possible here) | one hot conversation, delivered msg/s |'
    RULE='|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|'
    SUMMARY+=("$ROW")
    {
        echo "# Ponte benchmark — $DB — $(date '+%Y-%m-%d %H:%M')"
        echo
        echo "Commit \`$GIT_REV\`$([[ $DIST != distribution/target/ponte ]] && echo " (hub: \`$DIST\`)"); $JAVA_VERSION; $CPU_MODEL, $(nproc) cores **shared by every process** (load generator, sink, hub, database)."
        echo "N=$N, C=$C, warm-up=$WARMUP, open-loop settling=${BENCH_SETTLE_S:-30} s, contacts=$CONTACTS, delivery maxConcurrency=$DELIVERY_CONCURRENCY, sink delay=${SINK_DELAY_MS} ms, hub env: $(env | grep -E '^PONTE_(INGEST|DISPATCH|DB_POOL|OUTBOUND)' | tr '\n' ' ' || true)"
        echo
        echo "$HEADER"; echo "$RULE"; echo "$ROW"
        echo
        echo "- Delivery (closed loop): $(jq -c .delivery "$CLOSED")"
        echo "- Delivery (open loop): $(jq -c .delivery "$OPEN")"
        echo "- Batched ($BATCH messages per request, C=16): $(jq -c '{reqPerS, p50Ms, p99Ms, delivery}' "$BATCHED")"
        echo "- One hot conversation ($HOT_N messages from one contact, $HOT_BATCH per request, C=1): $(jq -c '{reqPerS, delivery}' "$HOT")"
        echo "- Open loop: target $(jq .targetRate "$OPEN") req/s ($([[ -n $LATENCY_RATE ]] && echo "BENCH_LATENCY_RATE" || echo "$LATENCY_PERCENT % of the $LATENCY_BASIS")), answered $(jq .reqPerS "$OPEN") req/s; SATURATED in the table means the hub answered < 90 % of the target, so its latencies are queueing time. Sending fell behind schedule by up to $(jq .maxBehindScheduleMs "$OPEN") ms (in-flight cap $LATENCY_C)."
        echo "- The inbox over the open loop's measured part: $(inbox_line "$OPEN")"
        echo "- CPU while sending (closed loop): $(jq -c .cpuWhileSending "$CLOSED"); ceiling: $(jq -c .cpuWhileSending "$CEIL")"
        echo "- After the runs: dead deliveries $DEAD; pending deliveries (first page of 5): $PENDING; WARN/ERROR lines in the hub log: $HUB_WARNINGS; hub metrics: $(grep -E '^ponte_(outbox|deliver(y|ies)_attempts_total|routing_errors|webhooks_total)' "$WORK/$DB-metrics.txt" | tr '\n' ';' || true)"
        echo
        echo "- Camel peer (platform-http → JDBC idempotent repository → synchronous HTTP, closed loop C=$C): $(jq -c '{reqPerS, p50Ms, p99Ms, delivery, cpuWhileSending}' "$CAMEL")"
        echo "- Relay ceiling (parse → synchronous HTTP POST to the same sink, nothing stored, closed loop C=$C): $(jq -c '{reqPerS, p50Ms, p99Ms, delivery, cpuWhileSending}' "$RELAY")"
        echo "- Relay ceiling, open loop at the hub's open-loop rate (its answer includes the delivery; the hub's does not): $(jq -c '{targetRate, reqPerS, p50Ms, p99Ms, maxMs, maxBehindScheduleMs}' "$RELAY_OPEN")"
        for f in "$CEIL" "$CAMEL" "$RELAY" "$RELAY_OPEN" "$CLOSED" "$OPEN" "$BATCHED" "$HOT"; do
            echo "<details><summary>$(basename "$f")</summary>"; echo; echo '```json'; cat "$f"; echo '```'; echo "</details>"; echo
        done
        if [[ $HUB_WARNINGS != 0 ]]; then
            echo "<details><summary>hub log (first WARN/ERROR lines)</summary>"; echo; echo '```'
            grep -E ' (WARN|ERROR) ' "$WORK/ponte-$DB.log" | head -n 20 | cut -c1-400; echo '```'; echo "</details>"
        fi
    } >"$OUT"
    log "[$DB] wrote $OUT"
done

echo
echo "Ponte benchmark, commit $GIT_REV: every process shares $(nproc) cores; see bench/README.md for what each column means."
echo "$HEADER"; echo "$RULE"
printf '%s\n' "${SUMMARY[@]}"

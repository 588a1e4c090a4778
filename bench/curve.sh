#!/usr/bin/env bash
# Latency as the tables grow (H2, or PostgreSQL with BENCH_CURVE_DB=postgresql): the same open-loop load against one
# hub whose database is filled, step by step, with old rows (events, their delivered deliveries and their history
# rows) up to each size in BENCH_CURVE_ROWS.
# Each step stops the hub, adds the rows with plain SQL (H2's SYSTEM_RANGE or PostgreSQL's generate_series, ids older
# than any real one so they sit where a long-running hub's history sits), then does what autovacuum, the checkpointer
# or H2's compaction would have done by then (PostgreSQL: VACUUM (ANALYZE), CHECKPOINT; H2: SHUTDOWN COMPACT),
# restarts the hub, warms it up and measures:
#   open loop at BENCH_CURVE_RATE req/s (p50 / p99 / max ingest latency, end to end), then a closed loop (C=64).
# Prints a table and writes bench/results/<date>-<db>-curve.md.
#
# BENCH_TRACE_DIR=D writes each open loop's requests (due time, latency) to D/open-<rows>.trace; BENCH_SETTLE_S=S
# runs S seconds of the open loop unmeasured first (default 30; see the load generator's --settle-s).
#
# Usage:  bench/curve.sh                                          (H2: 0, 1 M, 3 M, 10 M rows; about an hour)
#         BENCH_CURVE_DB=postgresql bench/curve.sh                (a fresh schema in database test on 127.0.0.1:5432)
#         BENCH_CURVE_ROWS="0 100000" BENCH_CURVE_N=3000 bench/curve.sh   (smoke run)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

ROWS=${BENCH_CURVE_ROWS:-0 1000000 3000000 10000000}
RATE=${BENCH_CURVE_RATE:-300}
N=${BENCH_CURVE_N:-10000}
C=${BENCH_CONCURRENCY:-64}
CONTACTS=${BENCH_CONTACTS:-1000}
CHUNK=${BENCH_CURVE_CHUNK:-500000}     # rows per INSERT statement while filling
SINK_TIMEOUT_S=${BENCH_SINK_TIMEOUT_S:-600}
SINK_STALL_S=${BENCH_SINK_STALL_S:-30}
PHASE_TIMEOUT_S=${BENCH_PHASE_TIMEOUT_S:-$((2 * SINK_TIMEOUT_S + 600))}
PSQL=(psql -h 127.0.0.1 -p 5432 -U postgres -d test -v ON_ERROR_STOP=1 -q -At)
RESULTS_DIR=${BENCH_RESULTS_DIR:-bench/results}
KEEP=${BENCH_KEEP:-0}
DB=${BENCH_CURVE_DB:-h2}
[[ $DB == h2 || $DB == postgresql ]] || { echo "BENCH_CURVE_DB must be h2 or postgresql" >&2; exit 1; }
PG_URL=${BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

command -v jq >/dev/null || die "jq is required"
DIST=${BENCH_DIST:-distribution/target/ponte}
[[ -f $DIST/ponte.jar ]] || die "no ponte.jar in $DIST (mvn -B package -DskipTests)"
[[ -f bench/target/bench-0.1.0-SNAPSHOT.jar ]] || mvn -B -q -pl bench -am package -DskipTests
cp -r "$DIST" "$WORK/ponte"
H2_JAR=$(ls "$WORK"/ponte/lib/h2-*.jar | head -n 1)
mkdir -p "$RESULTS_DIR"

SINK_PORT=$(free_port)
start_bg sink "$JAVA" -cp "$BENCH_CP" io.ponte.bench.Sink --port="$SINK_PORT"
SINK_PID=$LAST_PID
wait_ready sink "$SINK_PID" "http://127.0.0.1:$SINK_PORT/health/ready" 60

HUB_PORT=$(free_port)
DATA_DIR="$WORK/data"
MASTER_KEY="$(head -c 32 /dev/urandom | base64)"
# BENCH_H2_URL_SUFFIX: H2 settings to try (e.g. ";PAGE_SIZE=4096"), appended to the hub's default H2 URL.
H2_URL="jdbc:h2:file:$DATA_DIR/ponte${BENCH_H2_URL_SUFFIX:-}"
DB_URL=$H2_URL
if [[ $DB == postgresql ]]; then
    SCHEMA="curve_$(date +%s)_$$"
    "${PSQL[@]}" -c "CREATE SCHEMA $SCHEMA" >/dev/null || die "cannot create PG schema (is PostgreSQL on 127.0.0.1:5432?)"
    SCHEMAS+=("$SCHEMA")
    DB_URL="$PG_URL$([[ $PG_URL == *\?* ]] && echo '&' || echo '?')currentSchema=$SCHEMA"
fi
start_hub() {
    start_bg "ponte-$DB" env PONTE_DB_URL="$DB_URL" PONTE_HTTP_HOST=127.0.0.1 PONTE_HTTP_PORT="$HUB_PORT" \
        PONTE_DATA_DIR="$DATA_DIR" PONTE_ADMIN_TOKEN="$TOKEN" PONTE_LOG_LEVEL=WARN \
        PONTE_PLUGINS_DIR="$WORK/ponte/plugins" PONTE_RATE_LIMIT_HOOKS=off PONTE_MASTER_KEY="$MASTER_KEY" \
        "$JAVA" ${BENCH_PONTE_JAVA_OPTS:-} -jar "$WORK/ponte/ponte.jar"
    HUB_PID=$LAST_PID
    local started=$SECONDS
    wait_ready "ponte-$DB" "$HUB_PID" "http://127.0.0.1:$HUB_PORT/health/ready" 300
    READY_S=$((SECONDS - started))
}
# One statement on the hub's database. H2's Shell exits 0 after a failed statement: its output says so.
sql() {
    local out
    if [[ $DB == postgresql ]]; then
        out=$("${PSQL[@]}" -c "SET search_path TO $SCHEMA" -c "$1" 2>&1) || die "SQL failed: ${out:0:600}"
        echo "$out"
        return
    fi
    out=$("$JAVA" -cp "$H2_JAR" org.h2.tools.Shell -url "$H2_URL;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" -user sa \
        -sql "$1" 2>&1) || die "H2 shell failed: $out"
    [[ $out != *Error:* && $out != *Exception* ]] || die "SQL failed: ${out:0:600}"
    echo "$out"
}
# rows a..b-1 of a fill: H2's SYSTEM_RANGE, PostgreSQL's generate_series (both inclusive)
range() {
    if [[ $DB == postgresql ]]; then echo "generate_series($1, $2) AS r(x)"; else echo "SYSTEM_RANGE($1, $2) AS r(x)"; fi
}

start_hub
bench_route "$SINK_PORT" 256
HOOK="http://127.0.0.1:$HUB_PORT/hooks/$IN_ID"
TENANT=$(api GET "/api/v1/connections/$IN_ID" | jq -r '.tenant // "default"')

# Old rows: ids made a day ago (the ULID's 10 time characters of OLD_AT, then the row number), so they sort before
# every real one, like a long-running hub's history, and retention (30 days) leaves them alone. An id must carry the
# time its row says: retention finds old rows by id, so ids from 1970 beside a recent received_at made every purge
# walk all the old events, and deleted the old history while the hub was measured.
fill() {
    local from=$1 to=$2 a b
    for ((a = from; a < to; a += CHUNK)); do
        b=$((a + CHUNK < to ? a + CHUNK : to))
        sql "INSERT INTO events (id, tenant_id, connection_id, type, external_id, conversation, correlation_id,
                causation_id, occurred_at, received_at, body, deliveries, route_error)
             SELECT 'evt_$OLD_ID' || LPAD(CAST(x AS VARCHAR), 16, '0'), '$TENANT', '$IN_ID', 'message.inbound',
                'old-' || x, '$IN_ID:55119' || LPAD(CAST(MOD(x, $CONTACTS) AS VARCHAR), 8, '0'),
                'cor_$OLD_ID' || LPAD(CAST(x AS VARCHAR), 16, '0'), NULL, $OLD_AT + x, $OLD_AT + x,
                '{\"id\":\"old\",\"type\":\"message.inbound\",\"payload\":{\"content\":{\"text\":\"old message ' || x || '\"}}}',
                1, NULL
             FROM $(range "$a" $((b - 1)))" >/dev/null
        sql "INSERT INTO deliveries (id, tenant_id, event_id, route_id, target_connection, action, input, ordering_key,
                status, attempts, next_attempt_at, lease_owner, last_error, external_ref, created_at, updated_at,
                delivered_at)
             SELECT 'dlv_$OLD_ID' || LPAD(CAST(x AS VARCHAR), 16, '0'), '$TENANT', 'evt_$OLD_ID' || LPAD(CAST(x AS VARCHAR), 16, '0'),
                NULL, '$OUT_ID', 'message.send', '{\"to\":\"x\",\"text\":\"old\"}',
                '$OUT_ID|$OUT_ID:55119' || LPAD(CAST(MOD(x, $CONTACTS) AS VARCHAR), 8, '0'), 'delivered', 1,
                $OLD_AT + x, NULL, NULL, 'ref-' || x, $OLD_AT + x, $OLD_AT + x, $OLD_AT + x
             FROM $(range "$a" $((b - 1)))" >/dev/null
        sql "INSERT INTO conversation_messages (id, conversation_id, connection_id, direction, event_id, delivery_id,
                external_ref, status, status_rank, error, sender_name, content, created_at, updated_at)
             SELECT 'msg_$OLD_ID' || LPAD(CAST(x AS VARCHAR), 16, '0'), 'cnv_OLD' || MOD(x, $CONTACTS), '$IN_ID', 'inbound',
                'evt_$OLD_ID' || LPAD(CAST(x AS VARCHAR), 16, '0'), NULL, 'old-' || x, 'received', 1, NULL, NULL,
                '{\"text\":\"old message\"}', $OLD_AT + x, $OLD_AT + x
             FROM $(range "$a" $((b - 1)))" >/dev/null
        log "filled rows $a..$((b - 1)) of each table"
    done
}

STAMP=$(date +%Y%m%d-%H%M%S)
# a day ago (ms): old enough to be history, young enough that retention (30 days by default) leaves them alone
OLD_AT=$(( ($(date +%s) - 86400) * 1000 ))
# its 10-character ULID time (Crockford base32, as io.ponte.hub.storage.Ids writes it)
ULID_ALPHABET=0123456789ABCDEFGHJKMNPQRSTVWXYZ
OLD_ID=""
for ((i = 9, t = OLD_AT; i >= 0; i--, t >>= 5)); do OLD_ID="${ULID_ALPHABET:$((t & 31)):1}$OLD_ID"; done
HAVE=0
TABLE=()
NOTES=()
for TARGET in $ROWS; do
    if ((TARGET > HAVE)); then
        stop_pid "$HUB_PID"
        log "adding $((TARGET - HAVE)) rows to events, deliveries and conversation_messages"
        FILL_START=$SECONDS
        fill "$HAVE" "$TARGET"
        # What a hub that grew to this size over months has and a bulk load has not: on PostgreSQL statistics and
        # a vacuumed heap (autovacuum), written out (the checkpointer); on H2 a compact file (its background
        # compaction; a bulk load leaves the file several times its data, and compacting that during the measured
        # phases would be measured).
        if [[ $DB == postgresql ]]; then
            for table in events deliveries conversation_messages; do sql "VACUUM (ANALYZE) $table" >/dev/null; done
            "${PSQL[@]}" -c "CHECKPOINT" >/dev/null
        else
            log "compacting the H2 file ($(du -sm "$DATA_DIR" | cut -f1) MB)"
            # the Shell reports the connection SHUTDOWN closed as an error: that one is the success
            out=$("$JAVA" -cp "$H2_JAR" org.h2.tools.Shell -url "$H2_URL;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" \
                -user sa -sql "SHUTDOWN COMPACT" 2>&1) || true
            [[ $out == *"already closed"* || ( $out != *Error:* && $out != *Exception* ) ]] \
                || die "SHUTDOWN COMPACT failed: ${out:0:600}"
            log "compacted: $(du -sm "$DATA_DIR" | cut -f1) MB"
        fi
        log "filled in $((SECONDS - FILL_START)) s; events now: $(sql 'SELECT COUNT(*) FROM events' \
            | grep -E '^[0-9]+$' | head -n 1)"
        HAVE=$TARGET
        start_hub
    fi
    if [[ $DB == postgresql ]]; then
        MB=$(sql "SELECT CAST(SUM(pg_total_relation_size(c.oid)) / 1048576 AS BIGINT) FROM pg_class c
                  JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '$SCHEMA' AND c.relkind = 'r'" \
            | grep -E '^[0-9]+$' | head -n 1)
    else
        MB=$(du -sm "$DATA_DIR" | cut -f1)
    fi
    log "[$TARGET rows, ${MB} MB] hub ready in $READY_S s; warm-up, then open loop at $RATE req/s"
    loadgen "$WORK/open-$TARGET.json" --label="open-$TARGET" --url="$HOOK" --n="$N" --rate="$RATE" \
        --warmup="${BENCH_WARMUP:-20000}" --concurrency=256 --contacts="$CONTACTS" --run="o${TARGET}x$STAMP" \
        ${BENCH_TRACE_DIR:+--trace="$BENCH_TRACE_DIR/open-$TARGET.trace"} --settle-s="${BENCH_SETTLE_S:-30}" \
        --sink="http://127.0.0.1:$SINK_PORT" --watch-pid="$HUB_PID" \
        --metrics="http://127.0.0.1:$HUB_PORT/metrics" --metrics-token="$TOKEN"
    loadgen "$WORK/closed-$TARGET.json" --label="closed-$TARGET" --url="$HOOK" --n="$N" --warmup=0 \
        --concurrency="$C" --contacts="$CONTACTS" --run="c${TARGET}x$STAMP" \
        --sink="http://127.0.0.1:$SINK_PORT" --watch-pid="$HUB_PID"
    alive "ponte-$DB" "$HUB_PID"
    ROW=$(jq -rn --slurpfile o "$WORK/open-$TARGET.json" --slurpfile c "$WORK/closed-$TARGET.json" \
        --arg rows "$TARGET" --arg mb "$MB" --arg ready "$READY_S" '($o[0]) as $o | ($c[0]) as $c |
        "| \($rows) | \($mb) | \($ready) | \($o.reqPerS) | \($o.p50Ms) / \($o.p99Ms) / \($o.maxMs) | \($o.delivery.e2eMsgPerS) "
        + "| \($c.delivery.e2eMsgPerS) | \($o.delivery.duplicates + $c.delivery.duplicates) / \($o.delivery.orderInversions + $c.delivery.orderInversions) |"')
    TABLE+=("$ROW")
    NOTES+=("- $TARGET rows, open loop: $(inbox_line "$WORK/open-$TARGET.json"); hub CPU $(jq -r '.cpuWhileSending.serverCpuPct' "$WORK/open-$TARGET.json") % of a core")
    log "$ROW"
    log "${NOTES[-1]}"
done
stop_pid "$HUB_PID"

HEADER="| old rows per table | $([[ $DB == postgresql ]] && echo "schema MB" || echo "data dir MB") | hub ready s | open loop req/s (target $RATE) | p50 / p99 / max ms | open loop end to end msg/s | closed loop (C=$C) end to end msg/s | duplicates / inversions |"
RULE='|---|---|---|---|---|---|---|---|'
OUT="$RESULTS_DIR/$(date +%Y-%m-%d)-$DB-curve.md"
{
    echo "# Ponte on $([[ $DB == postgresql ]] && echo PostgreSQL || echo H2) as its tables grow — $(date '+%Y-%m-%d %H:%M')"
    echo
    echo "Commit \`$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\`; $("$JAVA" -version 2>&1 | head -n 1); $(nproc) cores shared by every process. N=$N per phase, $CONTACTS contacts; old rows added to events, deliveries and conversation_messages alike."
    echo
    echo "$HEADER"; echo "$RULE"; printf '%s\n' "${TABLE[@]}"
    echo; printf '%s\n' "${NOTES[@]}"
} >"$OUT"
echo "$HEADER"; echo "$RULE"; printf '%s\n' "${TABLE[@]}"
log "wrote $OUT"

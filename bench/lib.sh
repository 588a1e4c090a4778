# Shared by bench/run.sh and bench/curve.sh (sourced after their knobs are set): finds a JDK 21+, the work dir and
# its cleanup, and the helpers that start, wait for, stop and drive the processes of a run.
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
if [[ "$(java_major "$JAVA" 2>/dev/null || echo 0)" -lt 21 ]]; then
    # like .ci/run: the first JDK 21+ under /usr/lib/jvm
    for candidate in /usr/lib/jvm/*; do
        if [[ -x $candidate/bin/javac && "$(java_major "$candidate/bin/java")" -ge 21 ]]; then
            export JAVA_HOME=$candidate
            JAVA=$candidate/bin/java
            break
        fi
    done
fi
[[ "$(java_major "$JAVA" 2>/dev/null || echo 0)" -ge 21 ]] || { echo "bench: needs a JDK 21+ (set JAVA_HOME)" >&2; exit 1; }
BENCH_CP="bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
CAMEL_CP="bench/camel/target/bench-camel-0.1.0-SNAPSHOT.jar:bench/camel/target/lib/*"
TOKEN="bench-token-$RANDOM$RANDOM$RANDOM"

log() { printf '%s [bench] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ponte-bench.XXXXXX")
PIDS=()
SCHEMAS=()
cleanup() {
    local rc=$?
    for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
    for schema in "${SCHEMAS[@]}"; do
        if [[ $KEEP == 1 ]]; then log "kept PG schema $schema"
        else "${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || log "could not drop $schema"; fi
    done
    if [[ $KEEP == 1 || $rc != 0 ]]; then log "logs and data kept in $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# TERM, then KILL after 30 s: a hub that will not shut down must not outlive the run.
stop_pid() {
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    log "pid $pid ignored TERM for 30 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
}

# A port nothing listens on now, below the kernel's ephemeral range: outgoing connections (the load generator's, the
# hub's to PostgreSQL, anyone else's) take their local ports from that range and could grab ours before we bind.
EPHEMERAL_LOW=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
((EPHEMERAL_LOW > 12000)) || EPHEMERAL_LOW=32768
USED_PORTS=" "
free_port() {
    local port i
    for ((i = 0; i < 200; i++)); do
        port=$((10000 + RANDOM % (EPHEMERAL_LOW - 10000)))
        [[ $USED_PORTS == *" $port "* ]] && continue
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then USED_PORTS+="$port "; echo "$port"; return; fi
    done
    die "no free port found"
}

# wait_ready NAME PID URL TIMEOUT_S: polls URL until 200, failing fast if the process died.
wait_ready() {
    local name=$1 pid=$2 url=$3 deadline=$((SECONDS + $4))
    while ((SECONDS < deadline)); do
        kill -0 "$pid" 2>/dev/null || { tail -n 40 "$WORK/$name.log" >&2; die "$name exited during startup"; }
        curl -sf -o /dev/null --max-time 2 "$url" && return 0
        sleep 0.2
    done
    tail -n 40 "$WORK/$name.log" >&2
    die "$name not ready at $url after $4 s"
}

# start_bg NAME CMD...: runs CMD in the background, output to $WORK/NAME.log; sets LAST_PID.
start_bg() {
    local name=$1; shift
    "$@" >"$WORK/$name.log" 2>&1 &
    LAST_PID=$!
    PIDS+=("$LAST_PID")
}

# alive NAME PID: dies with the exit status (143 = TERM, 137 = KILL) and log tail if the process is gone.
alive() {
    kill -0 "$2" 2>/dev/null && return 0
    local rc=0
    wait "$2" || rc=$?
    tail -n 40 "$WORK/$1.log" >&2
    die "$1 (pid $2) exited with status $rc"
}

# diagnose TAG: what the hub is doing while deliveries stall: a thread dump and the outbox by status.
diagnose() {
    local tag=$1
    log "[$DB] $tag: deliveries stalled; saving a thread dump and the outbox state in $WORK"
    "${JAVA%java}jcmd" "$HUB_PID" Thread.print >"$WORK/$DB-$tag-threads.txt" 2>&1 || true
    if [[ $DB == postgresql ]]; then
        "${PSQL[@]}" -c "SELECT status, count(*), max(attempts) FROM $SCHEMA.deliveries GROUP BY 1" \
            -c "SELECT state, wait_event_type, wait_event, left(query, 120) FROM pg_stat_activity WHERE datname = 'test'" \
            >"$WORK/$DB-$tag-db.txt" 2>&1 || true
    fi
}

# loadgen OUT_FILE ARGS...: one LoadGenerator process, its JSON in OUT_FILE, killed after PHASE_TIMEOUT_S.
loadgen() {
    local out=$1 pid rc=0; shift
    # PostgreSQL: every phase starts right after a checkpoint, so that a checkpoint in progress (and the full page
    # images logged after one) does not fall inside one peer's phase and not another's.
    if [[ ${DB:-} == postgresql ]]; then
        "${PSQL[@]}" -c CHECKPOINT >/dev/null || die "CHECKPOINT failed (the benchmark's PostgreSQL user must be a superuser)"
    fi
    # In the background + wait: a TERM/INT to this script is then handled at once, not after the phase ends.
    timeout --kill-after=10 "$PHASE_TIMEOUT_S" "$JAVA" -cp "$BENCH_CP" io.ponte.bench.LoadGenerator \
        --sink-timeout-s="$SINK_TIMEOUT_S" --sink-stall-s="$SINK_STALL_S" "$@" >"$out" &
    pid=$!
    PIDS+=("$pid")
    wait "$pid" || rc=$?
    ((rc == 0)) || die "load generator failed or hit BENCH_PHASE_TIMEOUT_S=$PHASE_TIMEOUT_S (exit $rc); output: $out"
    jq -e .reqPerS "$out" >/dev/null || die "load generator printed no result; see $out"
}

# api METHOD PATH [JSON] -> prints the body; dies with status + body + hub log unless 2xx.
api() {
    local method=$1 path=$2 status data=()
    [[ -n ${3:-} ]] && data=(--data "$3")
    status=$(curl -sS --max-time 30 -o "$WORK/api.out" -w '%{http_code}' -X "$method" \
        -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        "${data[@]}" "http://127.0.0.1:$HUB_PORT$path") || status=000
    if [[ $status != 2* ]]; then
        log "$method $path -> HTTP $status: $(cat "$WORK/api.out" 2>/dev/null)"
        tail -n 40 "$WORK/ponte-$DB.log" >&2
        die "admin API call failed"
    fi
    cat "$WORK/api.out"
}

# bench_route SINK_PORT MAX_CONCURRENCY: the benchmark's pipeline on the running hub: an inbound http connection, an
# outbound one POSTing to the sink, a templated message.send route between them. Sets IN_ID and OUT_ID.
# BENCH_HISTORY=off creates both connections with "history":false (a pure relay keeps no conversation history).
bench_route() {
    local history=''  # left out unless off: a build from before the field (BENCH_DIST) refuses it
    [[ ${BENCH_HISTORY:-on} == off ]] && history=',"history":false'
    IN_ID=$(api POST /api/v1/connections "{\"connector\":\"http\",\"name\":\"bench-in\",\"config\":{}$history}" \
        | jq -r .id)
    OUT_ID=$(api POST /api/v1/connections "{\"connector\":\"http\",\"name\":\"bench-out\",
        \"config\":{\"url\":\"http://127.0.0.1:$1/msg\"},\"delivery\":{\"maxConcurrency\":$2}$history}" | jq -r .id)
    api POST /api/v1/routes "{\"name\":\"bench\",\"match\":{\"source\":\"$IN_ID\",\"type\":\"message.inbound\"},
        \"actions\":[{\"target\":\"$OUT_ID\",\"action\":\"message.send\",
        \"input\":{\"to\":\"{{payload.from.address}}\",\"text\":\"{{payload.content.text}}\"}}]}" >/dev/null
}

# The inbox's counters over a load-generator phase run with --metrics (its hubCounters), in words: how many requests
# were answered from the journal and how many after their commit, and how many events a group commit held.
inbox_line() {
    jq -r '.hubCounters // {} |
        (.["ponte_inbox_answers_total{answered=\"journal\"}"] // 0) as $j |
        (.["ponte_inbox_answers_total{answered=\"commit\"}"] // 0) as $c |
        (.ponte_inbox_commit_events_count // 0) as $n | (.ponte_inbox_commit_events_sum // 0) as $e |
        "\($j) answered from the journal, \($c) after their commit"
        + (if $j + $c > 0 then " (\($c * 1000 / ($j + $c) | round / 10) % waited for a commit)" else "" end)
        + "; \($n) group commits"
        + (if $n > 0 then " of \($e * 10 / $n | round / 10) events on average" else "" end)' "$1"
}

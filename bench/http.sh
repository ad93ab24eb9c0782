#!/bin/sh
# HTTP benchmark (issue 3): wrk, 64 connections for D seconds (default 10)
# on loopback against three URLs:
#   item   /items/40/            an action item page with its follow-up
#   year   /followups/2025/      the whole FY2025 table (about 115 KB)
#   api    /api/v1/action-items/40
# served by (a) mdplan serve (response cache on, the default), (b) mdplan
# serve --no-cache (every request rendered from SQLite), and, as the
# reference in the same run, (c) nginx serving the `mdplan publish` output
# of the same pages (the API response saved as a file). Both servers write
# an access log. Prints requests/s, p50/p99 latency, the ratio mdplan/nginx
# and mdplan's peak RSS.
# Targets: at least half nginx's throughput on the dynamic pages, p99 under
# 20 ms, server RSS under 64 MB.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
D=${D:-10}
C=${C:-64}
MDPLAN=${MDPLAN:-$top/build/mdplan}
MDPLAN_BENCH=1 sh "$top/scripts/install-deps"
[ -x "$MDPLAN" ] || make -C "$top" -s all
SEEDS=${SEEDS:-$top/../shared/seeds}
plan=$SEEDS/001_39bd54d51a1a6858.txt
fu=$SEEDS/003_be5ddb96f8cc36cb.txt
[ -f "$plan" ] || plan=$top/data/plan-2nd.txt
[ -f "$fu" ] || fu=$top/data/followup-r7.tsv

tmp=$(mktemp -d)
chmod 755 "$tmp"   # nginx workers run as an unprivileged user
pids=""
cleanup() { for p in $pids; do kill "$p" 2>/dev/null || true; done; sleep 0.2; rm -rf "$tmp"; }
trap cleanup EXIT
db=$tmp/bench.db
"$MDPLAN" --db "$db" import plan "$plan" >/dev/null 2>&1
"$MDPLAN" --db "$db" import followup "$fu" >/dev/null 2>&1
"$MDPLAN" --db "$db" publish "$tmp/site" >/dev/null

start_mdplan() { # PORT EXTRA...
	port=$1; shift
	"$MDPLAN" --db "$db" serve --port "$port" --log "$tmp/access-$port.log" "$@" >"$tmp/serve-$port.out" 2>&1 &
	pids="$pids $!"
	echo $! >"$tmp/pid-$port"
	i=0
	while ! grep -q http "$tmp/serve-$port.out" 2>/dev/null; do
		sleep 0.1; i=$((i + 1)); [ $i -lt 100 ] || { cat "$tmp/serve-$port.out"; exit 1; }
	done
}
start_mdplan 18181
start_mdplan 18182 --no-cache
mkdir -p "$tmp/site/api/v1/action-items"
curl -sf "http://127.0.0.1:18181/api/v1/action-items/40" >"$tmp/site/api/v1/action-items/40"

cat >"$tmp/nginx.conf" <<EOF
worker_processes auto;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log;
events { worker_connections 1024; }
http {
	include /etc/nginx/mime.types;
	types { application/json 40; }
	access_log $tmp/nginx-access.log;
	sendfile on;
	keepalive_requests 100000;
	client_body_temp_path $tmp/nginx-body;
	proxy_temp_path $tmp/nginx-proxy;
	fastcgi_temp_path $tmp/nginx-fcgi;
	uwsgi_temp_path $tmp/nginx-uwsgi;
	scgi_temp_path $tmp/nginx-scgi;
	server {
		listen 127.0.0.1:18183;
		root $tmp/site;
		index index.html;
		location /api/ { default_type application/json; }
	}
}
EOF
/usr/sbin/nginx -c "$tmp/nginx.conf" -p "$tmp" -g 'daemon off;' 2>"$tmp/nginx.err" &
pids="$pids $!"
sleep 0.5
curl -sf -o /dev/null http://127.0.0.1:18183/items/40/ || { cat "$tmp/nginx.err"; exit 1; }

# wrk's summary: requests/s, p50 and p99 in ms
measure() { # URL -> "rps p50 p99"
	wrk -t2 -c"$C" -d"${D}s" --latency "$1" >"$tmp/wrk.out" 2>&1
	awk '
	function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
	/Requests\/sec/ { rps = $2 }
	$1 == "50%" { p50 = ms($2) }
	$1 == "99%" { p99 = ms($2) }
	/Non-2xx/ { bad = $NF }
	END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, (bad ? bad : 0) }' "$tmp/wrk.out"
}

printf 'mdplan HTTP benchmark: wrk -t2 -c%s -d%ss on loopback, %s cores\n' "$C" "$D" "$(nproc)"
printf '%-6s %-14s %10s %9s %9s %8s %10s\n' page server req/s p50_ms p99_ms non2xx vs_nginx
for page in item year api; do
	case $page in
	item) path=/items/40/ ;;
	year) path=/followups/2025/ ;;
	api) path=/api/v1/action-items/40 ;;
	esac
	set -- $(measure "http://127.0.0.1:18183$path")
	ng=$1
	printf '%-6s %-14s %10s %9s %9s %8s %10s\n' $page nginx "$1" "$2" "$3" "$4" 1.00
	for v in 18181:mdplan 18182:mdplan-nocache; do
		port=${v%%:*}
		set -- $(measure "http://127.0.0.1:$port$path")
		printf '%-6s %-14s %10s %9s %9s %8s %10s\n' $page "${v#*:}" "$1" "$2" "$3" "$4" \
			"$(awk -v a="$1" -v b="$ng" 'BEGIN { printf "%.2f", a / b }')"
	done
done
for v in 18181:mdplan 18182:mdplan-nocache; do
	port=${v%%:*}
	pid=$(cat "$tmp/pid-$port")
	printf 'peak RSS %-14s %s MiB\n' "${v#*:}" \
		"$(awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status")"
done
printf 'access log lines: mdplan %s, mdplan-nocache %s\n' \
	"$(wc -l <"$tmp/access-18181.log")" "$(wc -l <"$tmp/access-18182.log")"

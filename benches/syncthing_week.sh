#!/usr/bin/env bash
# Two real Syncthing instances on 127.0.0.1 carry a week of edits between
# three teichaku laptops (issue #14: "no re-published entries").
#
# A manual check, not part of `cargo test` or CI (it needs syncthing, curl,
# jq and python3; Linux):
#
#     bash benches/syncthing_week.sh            # uses target/release/teichaku
#     TEICHAKU=path/to/teichaku KEEP=1 bash benches/syncthing_week.sh
#
# S1 and S2 are two Syncthing instances, each with its own --home, GUI/REST
# and sync-protocol ports on 127.0.0.1, global and local discovery, relays,
# NAT/STUN, usage and crash reporting off, each knowing only the other by
# tcp://127.0.0.1:PORT, sharing one folder. Laptops A and B use S1's folder
# (two laptops on one synced folder), C uses S2's. Each laptop has its own
# database and config folder; all share the sync passphrase. For seven days
# (TEICHAKU_TODAY pinned, advanced a day at a time) each laptop makes a few
# edits through the CLI in the morning and in the afternoon and syncs after
# each, and the script waits for both Syncthing instances to be idle with the
# same files between steps. At the end it checks that
# - the three laptops (and a new laptop D starting from the folder alone)
#   hold the same data: the same entries of every device and the same
#   workers, contacts, people, checklists and conflicts;
# - no entry is re-published: every file is written by one device and holds
#   only that device's own entries, no entry is in two files, the folder
#   holds every entry, and no laptop ever imported an entry it already had;
# - Syncthing's own files (.stfolder, .stignore, .syncthing.*.tmp,
#   ~syncthing~*.tmp) are never read as bundles, and a .sync-conflict- copy
#   of a bundle is read without an error and without importing anything
#   twice;
# and prints a summary. Exits non-zero when a check fails.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TEICHAKU=${TEICHAKU:-$ROOT/target/release/teichaku}
SYNCTHING=${SYNCTHING:-syncthing}
DAYS=${DAYS:-7}
START_DATE=${START_DATE:-2026-11-23}
FOLDER_ID=teichaku-sync
PASS='うみかぜ事業所 2026 sync'
T0=$(date +%s)

die() {
	echo "FAIL: $*" >&2
	exit 1
}

for tool in "$SYNCTHING" curl jq python3; do
	command -v "$tool" >/dev/null || die "$tool is not installed"
done
if [ ! -x "$TEICHAKU" ]; then
	(cd "$ROOT" && cargo build --release --bin teichaku)
fi
ST_VERSION=$("$SYNCTHING" --version | awk '{print $2}')

WORK=$(mktemp -d "${TMPDIR:-/tmp}/teichaku-syncthing.XXXXXX")
PIDS=()
cleanup() {
	local rc=$?
	for pid in "${PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${PIDS[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	if [ "$rc" -ne 0 ] || [ "${KEEP:-0}" = 1 ]; then
		echo "work folder kept: $WORK" >&2
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT

# ---------------------------------------------------------------- helpers
# The header of a bundle is JSON in clear (authenticated): who wrote it and
# which runs of which devices' entries it holds. Read without the passphrase.
cat >"$WORK/folder_check.py" <<'PY'
import json, os, struct, sys

folder, out = sys.argv[1], sys.argv[2]
files = []
for name in sorted(os.listdir(folder)):
    path = os.path.join(folder, name)
    if not os.path.isfile(path) or name.startswith(('.', '~')):
        continue
    if '.tcsync' not in name.lower():
        continue
    with open(path, 'rb') as f:
        prefix = f.read(20)
        if prefix[:12] != b'TEICHAKUSYNC':
            files.append({'name': name, 'bundle': False, 'bytes': os.path.getsize(path)})
            continue
        (hlen,) = struct.unpack('<I', prefix[16:20])
        h = json.loads(f.read(hlen))
    files.append({
        'name': name,
        'bundle': True,
        'bytes': os.path.getsize(path),
        'bundle_id': h['bundle_id'],
        'sender': h['sender'],
        'entries': h['entries'],
        'ranges': [[r['origin'], r['from'], r['to']] for r in h['ranges']],
        'conflict_copy': '.sync-conflict-' in name,
    })
json.dump(files, open(out, 'w'))
PY

free_ports() {
	python3 - "$1" <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    socks.append(s)
print(' '.join(str(s.getsockname()[1]) for s in socks))
PY
}

# Two Syncthing instances.
read -r GUI1 GUI2 LISTEN1 LISTEN2 <<<"$(free_ports 4)"
declare -A GUI=([1]=$GUI1 [2]=$GUI2) LISTEN=([1]=$LISTEN1 [2]=$LISTEN2) KEY ID
for i in 1 2; do
	home=$WORK/st$i
	"$SYNCTHING" generate --home "$home" --no-default-folder --skip-port-probing >"$WORK/st$i.generate.log" 2>&1
	ID[$i]=$("$SYNCTHING" serve --home "$home" --device-id)
	KEY[$i]=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
	mkdir -p "$WORK/folder$i"
	# Before the first start, so nothing is ever sent off this machine.
	python3 - "$home/config.xml" "${GUI[$i]}" "${KEY[$i]}" "${LISTEN[$i]}" "S$i" <<'PY'
import sys, xml.etree.ElementTree as ET
path, gui, key, listen, name = sys.argv[1:]
tree = ET.parse(path)
root = tree.getroot()
root.find('device').set('name', name)
g = root.find('gui')
g.find('address').text = '127.0.0.1:' + gui
g.find('apikey').text = key
o = root.find('options')
for el in o.findall('listenAddress') + o.findall('globalAnnounceServer'):
    o.remove(el)
ET.SubElement(o, 'listenAddress').text = 'tcp://127.0.0.1:' + listen
for tag, value in {
    'globalAnnounceEnabled': 'false', 'localAnnounceEnabled': 'false',
    'relaysEnabled': 'false', 'natEnabled': 'false', 'stunKeepaliveStartS': '0',
    'stunKeepaliveMinS': '0', 'announceLANAddresses': 'false',
    'urAccepted': '-1', 'urSeen': '3', 'crashReportingEnabled': 'false',
    'autoUpgradeIntervalH': '0', 'startBrowser': 'false',
    'restartOnWakeup': 'false',
}.items():
    el = o.find(tag)
    if el is None:
        el = ET.SubElement(o, tag)
    el.text = value
for el in o.findall('stunServer'):
    o.remove(el)
tree.write(path)
PY
done
for i in 1 2; do
	STNOUPGRADE=1 STNORESTART=1 "$SYNCTHING" serve --home "$WORK/st$i" --no-browser --no-restart \
		--no-upgrade --logfile="$WORK/st$i.log" >"$WORK/st$i.out" 2>&1 &
	PIDS+=($!)
done

rest() { # INSTANCE METHOD PATH [JSON]
	local i=$1 method=$2 path=$3
	if [ $# -ge 4 ]; then
		curl -sf -X "$method" -H "X-API-Key: ${KEY[$i]}" -H 'Content-Type: application/json' \
			--data "$4" "http://127.0.0.1:${GUI[$i]}$path"
	else
		curl -sf -X "$method" -H "X-API-Key: ${KEY[$i]}" "http://127.0.0.1:${GUI[$i]}$path"
	fi
}

for i in 1 2; do
	for _ in $(seq 100); do
		rest "$i" GET /rest/system/ping >/dev/null 2>&1 && break
		sleep 0.2
	done
	rest "$i" GET /rest/system/ping >/dev/null || die "syncthing S$i did not start (see $WORK/st$i.log)"
done
# Each knows the other at its loopback address; one folder shared by both.
for i in 1 2; do
	o=$((3 - i))
	rest "$i" POST /rest/config/devices "$(jq -n --arg id "${ID[$o]}" --arg addr "tcp://127.0.0.1:${LISTEN[$o]}" \
		--arg name "S$o" '{deviceID: $id, name: $name, addresses: [$addr], autoAcceptFolders: false}')" >/dev/null
	rest "$i" POST /rest/config/folders "$(jq -n --arg id "$FOLDER_ID" --arg path "$WORK/folder$i" \
		--arg me "${ID[$i]}" --arg other "${ID[$o]}" \
		'{id: $id, label: "teichaku", path: $path, type: "sendreceive",
		  devices: [{deviceID: $me}, {deviceID: $other}],
		  rescanIntervalS: 3600, fsWatcherEnabled: true, fsWatcherDelayS: 1}')" >/dev/null
done
for i in 1 2; do
	[ "$(rest "$i" GET /rest/config/restart-required | jq -r .requiresRestart)" = false ] ||
		die "S$i wants a restart after configuration"
	[ "$(rest "$i" GET /rest/config/options | jq -r '[.globalAnnounceEnabled, .localAnnounceEnabled, .relaysEnabled, .natEnabled, .crashReportingEnabled, .urAccepted] | map(tostring) | join(",")')" = \
		"false,false,false,false,false,-1" ] || die "S$i options not as configured"
done
connected() { # INSTANCE
	local o=$((3 - $1))
	[ "$(rest "$1" GET /rest/system/connections | jq -r --arg d "${ID[$o]}" '.connections[$d].connected')" = true ]
}
for _ in $(seq 300); do
	connected 1 && connected 2 && break
	sleep 0.2
done
if ! { connected 1 && connected 2; }; then die "the two syncthing instances did not connect"; fi
ADDR=$(rest 1 GET /rest/system/connections | jq -r --arg d "${ID[2]}" '.connections[$d].address')
case "$ADDR" in 127.0.0.1:*) ;; *) die "S1 reached S2 at $ADDR, not on 127.0.0.1" ;; esac

listing() { # FOLDER: names and hashes of what Syncthing carries (not .stignore)
	(cd "$1" && find . -type f ! -path './.stfolder/*' ! -name '.stignore' ! -name '.syncthing.*.tmp' \
		! -name '~syncthing~*.tmp' -printf '%P\n' | LC_ALL=C sort | while read -r f; do
		printf '%s %s\n' "$f" "$(sha256sum <"$f" | cut -c1-16)"
	done)
}
WAITS=()
# Scans both folders, then waits until both instances are idle, need nothing,
# see the other complete and the two folders hold the same files.
wait_synced() {
	local t=$SECONDS
	for i in 1 2; do rest "$i" POST "/rest/db/scan?folder=$FOLDER_ID" >/dev/null; done
	while [ $((SECONDS - t)) -lt 120 ]; do
		local ok=1
		for i in 1 2; do
			local o=$((3 - i)) st comp
			st=$(rest "$i" GET "/rest/db/status?folder=$FOLDER_ID")
			comp=$(rest "$i" GET "/rest/db/completion?folder=$FOLDER_ID&device=${ID[$o]}")
			[ "$(jq -r '.state' <<<"$st")" = idle ] || ok=0
			[ "$(jq -r '.needTotalItems' <<<"$st")" = 0 ] || ok=0
			[ "$(jq -r '.completion' <<<"$comp")" = 100 ] || ok=0
		done
		if [ $ok = 1 ] && [ "$(listing "$WORK/folder1")" = "$(listing "$WORK/folder2")" ]; then
			WAITS+=($((SECONDS - t)))
			return 0
		fi
		sleep 0.2
	done
	die "syncthing did not settle in 120 s"
}

# ---------------------------------------------------------------- laptops
declare -A FOLDER=([A]=$WORK/folder1 [B]=$WORK/folder1 [C]=$WORK/folder2 [D]=$WORK/folderD)
declare -A STAFF=([A]='佐藤 美咲' [B]='鈴木 健' [C]='田中 由紀' [D]='高橋 新')
TODAY=$START_DATE
for l in A B C D; do
	mkdir -p "$WORK/$l/config" "$WORK/$l/data"
	: >"$WORK/$l.stderr"
	printf 'lang = "en"\nstaff_name = "%s"\n' "${STAFF[$l]}" >"$WORK/$l/config/settings.toml"
done
tk() { # LAPTOP ARGS...: one teichaku command on that laptop; stderr kept
	local l=$1 err=${TK_ERR:-$WORK/$1.stderr}
	shift
	TEICHAKU_CONFIG_DIR="$WORK/$l/config" TEICHAKU_DATA_DIR="$WORK/$l/data" \
		TEICHAKU_DB_PASSPHRASE="database passphrase of laptop $l" \
		TEICHAKU_SYNC_PASSPHRASE="$PASS" TEICHAKU_TODAY="$TODAY" LANG=C.UTF-8 \
		"$TEICHAKU" --db "$WORK/$l/data/teichaku.db" --lang en "$@" </dev/null 2>>"$err"
}
SYNCS=0
IMPORTED_ENTRIES=0
IMPORTED_NEW=0
COMPACTIONS=0
sync_laptop() { # LAPTOP: a sync must say nothing on stderr (no skipped file)
	local l=$1 before out
	before=$(wc -c <"$WORK/$l.stderr")
	out=$(tk "$l" sync "${FOLDER[$l]}") || die "sync on $l failed: $(cat "$WORK/$l.stderr")"
	printf '%s\n' "--- $TODAY" "$out" >>"$WORK/$l.sync.log"
	[ "$(wc -c <"$WORK/$l.stderr")" = "$before" ] || die "sync on $l wrote to stderr: $(tail -c +$((before + 1)) "$WORK/$l.stderr")"
	SYNCS=$((SYNCS + 1))
	# "Imported FILE (device D, N of M changes new)": M - N entries it had already.
	while read -r n m; do
		IMPORTED_NEW=$((IMPORTED_NEW + n))
		IMPORTED_ENTRIES=$((IMPORTED_ENTRIES + m))
	done < <(sed -n 's/^Imported .*, \([0-9]*\) of \([0-9]*\) changes new)$/\1 \2/p' <<<"$out")
	COMPACTIONS=$((COMPACTIONS + $(grep -c '^Merged ' <<<"$out" || true)))
}
round() { # LAPTOPS...: each syncs in turn; Syncthing settles after each folder
	local l
	for l in "$@"; do
		sync_laptop "$l"
		wait_synced
	done
}
answers() { # N SEED: N checklist answers 1-4
	local n=$1 s=$2 out=() k
	for k in $(seq "$n"); do out+=($(((k * 7 + s) % 4 + 1))); done
	local IFS=,
	echo "${out[*]}"
}
ITEMS=27 # the stability checklist's items

MODES=(visit phone meeting online message)
# Laptop L's edits on day D (its own workers, and others' from earlier days).
edits() { # LAPTOP DAY HALF
	local l=$1 d=$2 half=$3
	local w="$l-利用者$d" prev="$l-利用者$((d - 1))"
	local other
	case $l in A) other=B ;; B) other=C ;; *) other=A ;; esac
	if [ "$half" = am ]; then
		tk "$l" worker add --name "$w" --kana "りようしゃ" --employer "事業所$d" --hire-date "$TODAY" \
			--status active --memo "${l} の初回面談 ${TODAY}" >/dev/null
		tk "$l" contact add "$w" --mode meeting --with self --minutes 60 \
			--notes "${STAFF[$l]}: 初回面談。通勤は電車。" --next-action "職場訪問" --next-due "$TODAY" >/dev/null
		tk "$l" person add "$w" --name "上司 $l$d" --role 上司 --org "事業所$d" --layer company >/dev/null
		if [ "$d" -gt 1 ]; then
			tk "$l" contact add "${other}-利用者$((d - 1))" --mode "${MODES[$((d % 5))]}" --with self \
				--notes "${l} から ${other} の利用者へ連絡 ${TODAY}" >/dev/null
		fi
	else
		tk "$l" contact add "$w" --mode phone --with self --minutes 15 --notes "夕方の電話 ${TODAY}" >/dev/null
		tk "$l" check "$w" stability --by self --answers "$(answers "$ITEMS" "$d")" --note "${l} day $d" >/dev/null
		if [ "$d" -gt 1 ]; then
			tk "$l" worker edit "$prev" --employer "事業所$d（異動）" --workplace "倉庫" >/dev/null
		fi
	fi
}

CONFLICT_COPY=""
for day in $(seq "$DAYS"); do
	TODAY=$(date -u -d "$START_DATE + $((day - 1)) days" +%F)
	for half in am pm; do
		for l in A B C; do edits "$l" "$day" "$half"; done
		case "$day/$half" in
		3/am)
			# The same memo edited on two laptops before they sync: a conflict.
			tk A worker edit "C-利用者1" --memo "A: 朝が苦手" >/dev/null
			tk C worker edit "C-利用者1" --memo "C: 通院は火曜" >/dev/null
			;;
		4/pm)
			# Resolved on a third laptop once it has seen both.
			[ "$(tk B conflicts --json | jq length)" = 1 ] || die "B does not show the day-3 conflict"
			tk B conflicts resolve 1 --text "朝が苦手。通院は火曜。" >/dev/null
			;;
		5/am)
			tk C worker delete "B-利用者2" --yes >/dev/null
			;;
		esac
		if [ "$day/$half" = 2/am ]; then
			round A B
			# Syncthing's own files and a conflict copy, on purpose. The copy
			# is of A's newest bundle, which C has not read yet; both reach C.
			# (.stignore is each instance's own: Syncthing does not carry it.)
			printf '// teichaku must not read this\n' | tee "$WORK/folder1/.stignore" >"$WORK/folder2/.stignore"
			a_short=$(tk A sync status --json | jq -r '.device_id[-8:]')
			orig=$(cd "$WORK/folder1" && ls -t "teichaku-$a_short"-*.tcsync | head -1)
			CONFLICT_COPY="${orig%.tcsync}.sync-conflict-$(date -u -d "$TODAY" +%Y%m%d)-101010-${ID[1]:0:7}.tcsync"
			cp -p "$WORK/folder1/$orig" "$WORK/folder1/$CONFLICT_COPY"
			head -c 100 "$WORK/folder1/$orig" >"$WORK/folder2/.syncthing.${orig}.tmp"
			head -c 100 "$WORK/folder1/$orig" >"$WORK/folder2/~syncthing~${orig}.tmp"
			wait_synced
			[ -f "$WORK/folder2/$CONFLICT_COPY" ] || die "the conflict copy did not reach S2"
			round C
		else
			round A B C
		fi
	done
done
# Everyone reads the others' last files; acknowledgements settle.
round A B C
round A B C

# ---------------------------------------------------------------- checks
FAILS=0
check() { # CONDITION-TEXT OK?
	if [ "$2" = 1 ]; then echo "  ok   $1"; else
		echo "  FAIL $1"
		FAILS=$((FAILS + 1))
	fi
}
dump() { # LAPTOP: a canonical view of everything it holds
	local TK_ERR=$WORK/$1.dump.stderr
	{
		# Every device's entries held (D's own empty series left out).
		tk "$1" sync status --json |
			jq -S '[.devices[] | select(.held != []) | {device_id, held, missing}] | sort_by(.device_id)'
		tk "$1" worker list --json | jq -S 'sort_by(.id)'
		for id in $(tk "$1" worker list --json | jq -r '.[].id' | LC_ALL=C sort); do
			tk "$1" worker show "$id" --json | jq -S .
			tk "$1" person list "$id" --json | jq -S .
			tk "$1" contact list "$id" --limit 1000 --json | jq -S .
			tk "$1" summary "$id" --json | jq -S .
		done
		tk "$1" csv workers
		tk "$1" csv contacts
		tk "$1" conflicts --json | jq -S .
	} | tee "$WORK/$1.dump" | sha256sum | cut -c1-16
}
# A new laptop from the folder alone (a copy, so it writes nothing to S2's).
cp -a "$WORK/folder2" "$WORK/folderD"
rm -f "$WORK"/folderD/.syncthing.*.tmp "$WORK"/folderD/~syncthing~*.tmp
ABC_ENTRIES=$IMPORTED_ENTRIES ABC_NEW=$IMPORTED_NEW
sync_laptop D
D_ENTRIES=$((IMPORTED_ENTRIES - ABC_ENTRIES)) D_NEW=$((IMPORTED_NEW - ABC_NEW))

echo
echo "== teichaku through two Syncthing $ST_VERSION instances on 127.0.0.1, $DAYS days from $START_DATE"
declare -A HASH
for l in A B C D; do HASH[$l]=$(dump "$l"); done
python3 "$WORK/folder_check.py" "$WORK/folder1" "$WORK/files1.json"
python3 "$WORK/folder_check.py" "$WORK/folder2" "$WORK/files2.json"
STATUS=$(tk A sync status --json)
# Every device's highest entry, as A holds them.
OWN=$(jq -c '[.devices[] | {key: .device_id, value: (.held | map(.[1]) | max // 0)}] | from_entries' <<<"$STATUS")
REPORT=$(jq -n --slurpfile f "$WORK/files1.json" --argjson own "$OWN" '
	($f[0] | map(select(.bundle and (.conflict_copy | not)))) as $b
	| ($b | map(.ranges[]) ) as $r
	| {
		files: ($f[0] | length),
		bytes: ($f[0] | map(.bytes) | add // 0),
		teichaku_files: ($b | length),
		conflict_copies: ($f[0] | map(select(.conflict_copy)) | length),
		not_bundles: ($f[0] | map(select(.bundle | not)) | length),
		entries_in_files: ($b | map(.entries) | add // 0),
		range_entries: ($r | map(.[2] - .[1] + 1) | add // 0),
		republished: ($b | map(.sender as $s | .ranges | map(select(.[0] != $s)) | map(.[2] - .[1] + 1) | add // 0) | add // 0),
		distinct_entries: ([$r[] | . as [$o, $a, $z] | range($a; $z + 1) | "\($o)#\(.)"] | unique | length),
		expected_entries: ($own | to_entries | map(.value) | add // 0),
		per_device: ($b | group_by(.sender) | map({key: .[0].sender[-8:], value: {files: length, entries: (map(.entries) | add)}}) | from_entries)
	}')
echo "$REPORT" >"$WORK/report.json"
r() { jq -r "$1" <<<"$REPORT"; }

echo "laptops (entries held / own entries):"
for l in A B C D; do
	s=$(tk "$l" sync status --json)
	printf '  %s  %5s / %4s   dump %s\n' "$l" "$(jq '[.devices[].held[] | .[1] - .[0] + 1] | add // 0' <<<"$s")" \
		"$(jq .own_seq <<<"$s")" "${HASH[$l]}"
done
echo "folder: $(r .files) files, $(r .bytes) bytes ($(r .teichaku_files) teichaku files, $(r .conflict_copies) conflict copy; per device: $(r '.per_device | to_entries | map("\(.key) \(.value.files) files/\(.value.entries) entries") | join(", ")'))"
echo "syncs: $SYNCS, compactions: $COMPACTIONS; A, B, C imported $ABC_ENTRIES entries ($ABC_NEW new), D $D_ENTRIES ($D_NEW new)"
echo "syncthing settle after each sync: median $(printf '%s\n' "${WAITS[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') s, max $(printf '%s\n' "${WAITS[@]}" | sort -n | tail -1) s over ${#WAITS[@]} waits"
echo "checks:"
check "A, B, C and D (from the folder alone) hold the same data" \
	"$([ "${HASH[A]}" = "${HASH[B]}" ] && [ "${HASH[A]}" = "${HASH[C]}" ] && [ "${HASH[A]}" = "${HASH[D]}" ] && echo 1)"
check "re-published entries (in a file not written by their device) = $(r .republished)" "$([ "$(r .republished)" = 0 ] && echo 1)"
check "entries in files $(r .entries_in_files) = distinct entries $(r .distinct_entries) = all entries $(r .expected_entries)" \
	"$([ "$(r .entries_in_files)" = "$(r .distinct_entries)" ] && [ "$(r .range_entries)" = "$(r .entries_in_files)" ] && [ "$(r .distinct_entries)" = "$(r .expected_entries)" ] && echo 1)"
check "entries A, B, C imported that they already held = $((ABC_ENTRIES - ABC_NEW))" "$([ "$ABC_ENTRIES" = "$ABC_NEW" ] && echo 1)"
check "every file is a bundle (not_bundles = $(r .not_bundles))" "$([ "$(r .not_bundles)" = 0 ] && echo 1)"
check "S1 and S2 hold the same files" "$([ "$(listing "$WORK/folder1")" = "$(listing "$WORK/folder2")" ] && echo 1)"
# C read the copy (imported in place of the original, then skipped the
# original as already imported): no warning, nothing twice (checked above).
check "the conflict copy reached C and C imported it once, in place of the original" \
	"$([ "$(grep -c "^Imported $CONFLICT_COPY " "$WORK/C.sync.log")" = 1 ] &&
		! grep -q "^Imported ${CONFLICT_COPY%%.sync-conflict-*}.tcsync " "$WORK/C.sync.log" && echo 1)"
# A removes the copy with its original when it compacts it away (or D
# would read it again); while the original stays, so does the copy.
orig_of_copy="${CONFLICT_COPY%%.sync-conflict-*}.tcsync"
check "the conflict copy is in the folders exactly while its original is" \
	"$(for f in "$WORK/folder1" "$WORK/folder2"; do
		if [ -f "$f/$orig_of_copy" ]; then [ -f "$f/$CONFLICT_COPY" ] || exit 0; else [ ! -f "$f/$CONFLICT_COPY" ] || exit 0; fi
	done && echo 1)"
check "no warning on any laptop's stderr" "$(! grep -q . "$WORK"/[ABCD].stderr && echo 1)"
check "the day-3 conflict was resolved everywhere" "$([ "$(tk C conflicts --json | jq length)" = 0 ] && grep -q '朝が苦手。通院は火曜。' "$WORK/C.dump" && echo 1)"
check "the worker deleted on C is gone on A" "$(! tk A worker list --json | jq -e '.[] | select(.display_name == "B-利用者2")' >/dev/null && echo 1)"
echo "elapsed: $(($(date +%s) - T0)) s"
[ "$FAILS" = 0 ] || die "$FAILS check(s) failed"
echo "all checks passed"

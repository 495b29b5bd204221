#!/usr/bin/env bash
# Runs the whole test suite (`mvn -B verify`) after setting up what it needs on this machine, so that one command
# passes on a fresh Debian or Ubuntu machine:
#  - as root, installs what is missing with apt-get (JDK 17+, Maven, PostgreSQL, Mosquitto); otherwise says what to
#    install and stops;
#  - PostgreSQL on 127.0.0.1:5432, where user postgres logs in without a password (the tests create their databases);
#  - Mosquitto on 127.0.0.1:1883, anonymous;
#  - a Kafka broker on 127.0.0.1:9092 (scripts/kafka-local.sh), exported as EP_TEST_KAFKA;
#  - as root, a 16 MB tmpfs for the disk-full tests, exported as EP_TEST_TMPFS.
# PostgreSQL and Mosquitto keep running afterwards, like the services they are; the Kafka broker and the tmpfs exist
# for this run only. Arguments go to Maven: scripts/test.sh -Dtest=SomeTest -Dsurefire.failIfNoSpecifiedTests=false
#
# Environment: EP_TEST_KAFKA=host:port uses that broker instead of starting one; EP_TEST_KAFKA_PORT and
# EP_TEST_KAFKA_CONTROLLER_PORT (default 9092, 9093) move the one started here; EP_TEST_TMPFS=DIR uses that folder
# (a small tmpfs you made) instead of mounting one.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "test.sh: $*"; }
die() { echo "test.sh: ERROR: $*" >&2; exit 1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
is_root() { [ "$(id -u)" -eq 0 ]; }
# Services started here, not by systemd, when it does not run (containers, CI).
systemd_runs() { [ -d /run/systemd/system ]; }

wait_port() { # name port seconds [log]
  local end=$((SECONDS + $3))
  until port_open "$2"; do
    if [ "$SECONDS" -ge "$end" ]; then
      [ -n "${4:-}" ] && [ -f "$4" ] && { echo "---- last lines of $4" >&2; tail -n 20 "$4" >&2; }
      die "$1 is not reachable on 127.0.0.1:$2 after $3 s"
    fi
    sleep 0.5
  done
}

state="${TMPDIR:-/tmp}/edge-publisher-test-$(id -u)"
mkdir -p "$state"

# ---- 1. Packages ---------------------------------------------------------------------------------------------------
java_major() {
  local major minor
  read -r major minor < <(java -version 2>&1 | sed -nE 's/.*version "([0-9]+)(\.([0-9]+))?.*/\1 \3/p'; echo)
  # Java 8 and older say "1.8.0"
  if [ "${major:-0}" = 1 ]; then echo "${minor:-0}"; else echo "${major:-0}"; fi
}

missing=()
if ! command -v java >/dev/null || ! command -v javac >/dev/null || [ "$(java_major)" -lt 17 ]; then missing+=(jdk); fi
command -v mvn >/dev/null || missing+=(maven)
if ! port_open 5432 && ! command -v pg_ctlcluster >/dev/null; then
  missing+=(postgresql)
elif ! command -v psql >/dev/null; then
  missing+=(postgresql-client)
fi
if ! port_open 1883 && ! command -v mosquitto >/dev/null; then missing+=(mosquitto); fi

if [ ${#missing[@]} -gt 0 ]; then
  if is_root && command -v apt-get >/dev/null; then
    say "installing ${missing[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    packages=()
    for p in "${missing[@]}"; do
      if [ "$p" = jdk ]; then
        # The newest Debian and Ubuntu releases no longer carry 17; any JDK from 17 on builds the project.
        for candidate in openjdk-17-jdk-headless openjdk-21-jdk-headless openjdk-25-jdk-headless default-jdk-headless; do
          if apt-cache show "$candidate" >/dev/null 2>&1; then p="$candidate"; break; fi
        done
      fi
      packages+=("$p")
    done
    apt-get install -y -q --no-install-recommends "${packages[@]}"
    hash -r
    [ "$(java_major)" -ge 17 ] || die "java is still older than 17 after the install: $(java -version 2>&1 | head -n1); pick a JDK 17+ with update-alternatives --config java"
  else
    echo "test.sh: ERROR: missing ${missing[*]}. Install them, then run this script again:" >&2
    names="${missing[*]}"
    echo "  sudo apt-get install ${names/jdk/openjdk-17-jdk-headless}" >&2
    command -v apt-get >/dev/null || echo "(Debian and Ubuntu names: install the same with this system's package manager)" >&2
    case " ${missing[*]} " in *" jdk "*) echo "(any JDK 17 or newer will do in place of openjdk-17-jdk-headless)" >&2 ;; esac
    exit 2
  fi
fi

# ---- 2. PostgreSQL on 127.0.0.1:5432 --------------------------------------------------------------------------------
cluster_on_5432() { # prints "version name" of the local cluster that uses port 5432
  command -v pg_lsclusters >/dev/null && pg_lsclusters -h 2>/dev/null | awk '$3 == 5432 { print $1, $2; exit }'
}
pgctl() { # ACTION on the cluster "$cluster"
  local version name
  read -r version name <<<"$cluster"
  if systemd_runs; then
    pg_ctlcluster "$version" "$name" "$1"
  else
    pg_ctlcluster --skip-systemctl-redirect "$version" "$name" "$1"
  fi
}

if ! port_open 5432; then
  cluster="$(cluster_on_5432 || true)"
  if [ -z "$cluster" ] && is_root && [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
    version="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -n | tail -n1)"
    say "creating PostgreSQL cluster $version/main on port 5432"
    pg_createcluster -p 5432 "$version" main >/dev/null
    cluster="$version main"
  fi
  [ -n "$cluster" ] || die "no PostgreSQL cluster uses port 5432 (pg_lsclusters: $(pg_lsclusters -h 2>/dev/null | tr '\n' ';')); create one with: sudo pg_createcluster -p 5432 <version> main"
  is_root || die "PostgreSQL ($cluster) is stopped; start it with: sudo pg_ctlcluster $cluster start"
  say "starting PostgreSQL $cluster"
  pgctl start
fi
wait_port PostgreSQL 5432 30

# The tests log in as postgres over TCP without a password and create their own databases.
pg_login() { env -u PGPASSWORD -u PGSERVICE PGPASSFILE="$state/no-pgpass" psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -w -Atqc 'select 1' 2>&1; }
if ! login="$(pg_login)"; then
  cluster="$(cluster_on_5432 || true)"
  if is_root && [ -n "$cluster" ]; then
    hba="$(runuser -u postgres -- psql -Atqc 'show hba_file' 2>/dev/null || echo "/etc/postgresql/${cluster/ //}/pg_hba.conf")"
    [ -f "$hba" ] || die "PostgreSQL refused user postgres ($login) and $hba does not exist"
    say "PostgreSQL refused user postgres without a password ($login)"
    say "adding 'host all postgres 127.0.0.1/32 trust' to $hba (a test machine's setting: never on a shared server)"
    sed -i '1i host all postgres 127.0.0.1/32 trust  # added by edge-publisher scripts/test.sh: the tests log in without a password' "$hba"
    pgctl reload
    sleep 1
    login="$(pg_login)" || die "PostgreSQL still refuses user postgres on 127.0.0.1:5432: $login"
  else
    die "PostgreSQL on 127.0.0.1:5432 refused user postgres without a password: $login
  The tests need it: put 'host all postgres 127.0.0.1/32 trust' first in pg_hba.conf and reload PostgreSQL
  (or run this script as root, which does that)."
  fi
fi
say "PostgreSQL is up on 127.0.0.1:5432 (user postgres, no password)"

# ---- 3. Mosquitto on 127.0.0.1:1883 ---------------------------------------------------------------------------------
# An MQTT 3.1.1 CONNECT without user name; the broker must answer CONNACK "accepted" (20 02 00 00).
mqtt_accepts_anonymous() {
  local reply
  exec 3<>/dev/tcp/127.0.0.1/1883 || return 1
  printf '\x10\x0c\x00\x04MQTT\x04\x02\x00\x3c\x00\x00' >&3
  reply="$(timeout 5 head -c 4 <&3 | od -An -tx1 | tr -d ' \n')" || true
  printf '\xe0\x00' >&3 2>/dev/null || true
  exec 3>&-
  [ "$reply" = 20020000 ]
}

if ! port_open 1883; then
  # Our own configuration, so that whatever /etc/mosquitto says, this broker is on loopback and anonymous.
  cat >"$state/mosquitto.conf" <<'EOF'
# Written by scripts/test.sh: the broker the tests use.
listener 1883 127.0.0.1
allow_anonymous true
persistence false
log_dest stderr
EOF
  say "starting Mosquitto on 127.0.0.1:1883 (log $state/mosquitto.log); it keeps running after the tests"
  setsid mosquitto -c "$state/mosquitto.conf" </dev/null >"$state/mosquitto.log" 2>&1 &
  echo $! >"$state/mosquitto.pid"
  wait_port Mosquitto 1883 15 "$state/mosquitto.log"
fi
mqtt_accepts_anonymous || die "the MQTT broker on 127.0.0.1:1883 does not accept anonymous clients; the tests need it to"
say "Mosquitto is up on 127.0.0.1:1883 (anonymous)"

# ---- 4. The tmpfs and Kafka, for this run only -----------------------------------------------------------------------
kafka_started=false
kafka_args=()
tmpfs=""
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  set +e
  if $kafka_started; then bash scripts/kafka-local.sh stop --delete-data "${kafka_args[@]}"; fi
  if [ -n "$tmpfs" ]; then umount "$tmpfs" && rmdir "$tmpfs"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -n "${EP_TEST_TMPFS:-}" ]; then
  if [ ! -d "$EP_TEST_TMPFS" ] || [ ! -w "$EP_TEST_TMPFS" ]; then die "EP_TEST_TMPFS=$EP_TEST_TMPFS is not a writable folder"; fi
  say "disk-full tests use $EP_TEST_TMPFS (EP_TEST_TMPFS)"
elif is_root; then
  # Mounts left by runs that were killed before their clean-up.
  while read -r m; do
    kill -0 "${m##*-}" 2>/dev/null || { umount "$m" && rmdir "$m"; } || true
  done < <(awk '$2 ~ "^/tmp/ep-test-tmpfs-[0-9]+$" { print $2 }' /proc/mounts)
  tmpfs="/tmp/ep-test-tmpfs-$$"
  mkdir -p "$tmpfs"
  if mount -t tmpfs -o size=16m,mode=1777 ep-test-tmpfs "$tmpfs"; then
    export EP_TEST_TMPFS="$tmpfs"
    say "disk-full tests use a 16 MB tmpfs at $tmpfs"
  else
    rmdir "$tmpfs"; tmpfs=""
    echo "test.sh: WARNING: could not mount a tmpfs (no mount permission here?); the disk-full tests will fail" >&2
  fi
else
  echo "test.sh: WARNING: the disk-full tests need EP_TEST_TMPFS pointing at a small tmpfs; they fail without it." >&2
  echo "  Make one:  sudo mkdir -p /mnt/ep-tmpfs && sudo mount -t tmpfs -o size=16m,mode=1777 tmpfs /mnt/ep-tmpfs" >&2
  echo "  then run:  EP_TEST_TMPFS=/mnt/ep-tmpfs scripts/test.sh" >&2
fi

if [ -n "${EP_TEST_KAFKA:-}" ]; then
  (exec 3<>"/dev/tcp/${EP_TEST_KAFKA%:*}/${EP_TEST_KAFKA##*:}") 2>/dev/null \
    || die "no Kafka broker answers at EP_TEST_KAFKA=$EP_TEST_KAFKA (host:port); unset it to start one here"
  say "using the Kafka broker at $EP_TEST_KAFKA (EP_TEST_KAFKA)"
else
  kafka_port="${EP_TEST_KAFKA_PORT:-9092}"
  kafka_args=(--port "$kafka_port" --controller-port "${EP_TEST_KAFKA_CONTROLLER_PORT:-9093}"
    --data-dir "$state/kafka-$kafka_port")
  if bash scripts/kafka-local.sh status "${kafka_args[@]}" >/dev/null; then
    say "stopping the Kafka broker that an interrupted run left behind"
    bash scripts/kafka-local.sh stop "${kafka_args[@]}"
  fi
  if port_open "$kafka_port"; then
    die "127.0.0.1:$kafka_port is taken. To test against the Kafka broker there, set EP_TEST_KAFKA=127.0.0.1:$kafka_port;
  to start ours on other ports, set EP_TEST_KAFKA_PORT and EP_TEST_KAFKA_CONTROLLER_PORT."
  fi
  bash scripts/kafka-local.sh start --fresh "${kafka_args[@]}"
  kafka_started=true
  export EP_TEST_KAFKA="127.0.0.1:$kafka_port"
fi

# ---- 5. The tests ---------------------------------------------------------------------------------------------------
say "running mvn -B verify $*"
status=0
mvn -B verify "$@" || status=$?
exit "$status"

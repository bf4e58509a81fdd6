#!/usr/bin/env bash
# A throw-away single-node Slurm cluster on localhost, for the sweep integration test and for trying
# './sgdlimits sweep --executor slurm' on one machine.
#
#   scripts/slurm-local-cluster.sh install   # apt-get install slurm-wlm and munge when absent (needs root)
#   scripts/slurm-local-cluster.sh start     # install if needed, then start munged, slurmctld and slurmd
#   scripts/slurm-local-cluster.sh stop      # stop the daemons and delete the configuration directory
#   scripts/slurm-local-cluster.sh status    # prints the SLURM_CONF line and 'sinfo' when running
#
# Everything lives in $SGDLIMITS_SLURM_DIR (default /tmp/sgdlimits-slurm): a fresh munge key and socket,
# slurm.conf, state, spool, logs and pid files. No system configuration is touched. Clients find the cluster
# through the environment variable SLURM_CONF="$SGDLIMITS_SLURM_DIR/slurm.conf" ('start' prints it).
# Runs as root (the daemons run as root, SlurmUser=root). Ports: 16817 (slurmctld) and 16818 (slurmd).
set -euo pipefail

DIR="${SGDLIMITS_SLURM_DIR:-/tmp/sgdlimits-slurm}"
CONF="$DIR/slurm.conf"

die() { echo "slurm-local-cluster: $*" >&2; exit 1; }

install() {
  if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null \
      && command -v munged >/dev/null; then
    return 0
  fi
  [ "$(id -u)" = 0 ] || die "installing slurm-wlm and munge needs root (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -q
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends slurm-wlm munge
}

running() { [ -f "$DIR/slurmctld.pid" ] && kill -0 "$(cat "$DIR/slurmctld.pid")" 2>/dev/null; }

start() {
  install
  [ "$(id -u)" = 0 ] || die "starting the cluster needs root (the daemons run as root)"
  if running; then
    echo "SLURM_CONF=$CONF"
    return 0
  fi
  stop >/dev/null 2>&1 || true
  mkdir -p "$DIR"/{munge,state,spool}
  chmod 700 "$DIR/munge"
  # a fresh munge key for this cluster only
  dd if=/dev/urandom of="$DIR/munge/munge.key" bs=1024 count=1 status=none
  chmod 400 "$DIR/munge/munge.key"
  munged --force --key-file="$DIR/munge/munge.key" --socket="$DIR/munge/munge.socket" \
      --pid-file="$DIR/munge/munged.pid" --log-file="$DIR/munge/munged.log" --seed-file="$DIR/munge/munged.seed" \
      || die "munged did not start (see $DIR/munge/munged.log)"
  local host cpus mem
  host="$(hostname -s)"
  cpus="$(nproc)"
  mem="$(awk '/MemTotal/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)"
  cat > "$CONF" <<CONF
# throw-away single-node cluster written by scripts/slurm-local-cluster.sh
ClusterName=sgdlimits-local
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$DIR/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/slurmctld.log
SlurmdLogFile=$DIR/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
KillWait=5
MinJobAge=300
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$CONF"
  slurmctld -c -f "$CONF" || die "slurmctld did not start (see $DIR/slurmctld.log)"
  slurmd -f "$CONF" || die "slurmd did not start (see $DIR/slurmd.log)"
  for _ in $(seq 1 60); do
    if sinfo -h -o '%t' 2>/dev/null | grep -Eq '^(idle|mix|alloc)'; then
      echo "SLURM_CONF=$CONF"
      return 0
    fi
    sleep 0.5
  done
  die "the node did not come up within 30 s: $(sinfo -h 2>&1 | head -1); logs in $DIR"
}

stop() {
  for f in slurmd.pid slurmctld.pid munge/munged.pid; do
    if [ -f "$DIR/$f" ]; then
      kill "$(cat "$DIR/$f")" 2>/dev/null || true
    fi
  done
  sleep 1
  for f in slurmd.pid slurmctld.pid munge/munged.pid; do
    if [ -f "$DIR/$f" ] && kill -0 "$(cat "$DIR/$f")" 2>/dev/null; then
      kill -9 "$(cat "$DIR/$f")" 2>/dev/null || true
    fi
  done
  rm -rf "$DIR"
}

status() {
  running || die "not running"
  echo "SLURM_CONF=$CONF"
  SLURM_CONF="$CONF" sinfo
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Builds Croupier and starts the whole platform on this machine: Kafka, PostgreSQL, the eight services, the
# seed-compatible front door on 8080, 5000 and 8000, a demo publisher, demo data and demo accounts, all listening on
# loopback only. Ctrl-C stops it; data is kept in .croupier/. Options: --simulate[=VISITORS], --exit-after-simulation,
# --data-dir=PATH, --front-door-address=ADDRESS (0.0.0.0 lets other machines reach the front door).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -ntp -q clean install -DskipTests
exec java -Xmx3g -jar local-stack/target/croupier-local-stack.jar "$@"

#!/usr/bin/env bash
# Deterministic benchmark panel: generate-panel.sh OUT.csv UNITS YEARS [fixed|exponent]
# (fixed: six decimals, the default; exponent: 1.346644434e-05 as R and Stata write doubles)
# y = 0.5 x1 - 0.3 x2 + 0.2 x3 + 0.1 x4 - 0.05 x5 + unit effect + year effect + industry effect + noise
set -euo pipefail
if [ $# -lt 3 ]; then echo "usage: $0 OUT.csv UNITS YEARS [fixed|exponent]" >&2; exit 2; fi
CP="$("$(dirname "$0")/classpath.sh")"
exec java -Xmx2g -cp "$CP" io.panelflow.estimation.bench.PanelGenerator "$1" "$2" "$3" "${4:-fixed}"

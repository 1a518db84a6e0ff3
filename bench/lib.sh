# Shared helpers for the benchmark scripts: wall-clock timing and medians, no extra tools.

# now_ms: milliseconds since the epoch.
now_ms() { date +%s%3N; }

# time_ms CMD...: runs CMD (output discarded) and prints its wall time in ms; fails if CMD fails.
time_ms() {
  local start end
  start=$(now_ms)
  "$@" >/dev/null 2>&1 || { echo "benchmark command failed: $*" >&2; return 1; }
  end=$(now_ms)
  echo $((end - start))
}

# median N...: the median of integers.
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

# ratio A B: A/B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

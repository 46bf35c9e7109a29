#!/usr/bin/env bash
# The step of the GitHub Action (action.yml) that runs freshdocs: it refuses a shallow clone with
# the fix, runs the command in the chosen format (`github` prints annotations and writes the job
# summary itself), keeps the report in a file, and sets the outputs from a JSON report of the
# same run, never from the text:
#
#   stale-count  check: stale pages; impact: listed articles the range did not update
#   error-count  check: findings at error severity; impact: stale-count with --fail, else 0
#   report       the report in the chosen format
#   json-report  the JSON report the counts come from
#
# The exit code is freshdocs' own: 0, 1 (stale at error severity; impact --fail) or 2 (bad input).
#
# Reads INPUT_ROOT, INPUT_COMMAND, INPUT_FORMAT, INPUT_ARGS (split on white space), and
# GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_EVENT_NAME, GITHUB_BASE_REF, RUNNER_TEMP.
set -uo pipefail

root=${INPUT_ROOT:-.}
command=${INPUT_COMMAND:-check}
format=${INPUT_FORMAT:-github}
out_dir="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/freshdocs"
mkdir -p "$out_dir"

fail() {
  echo "::error title=freshdocs::$1"
  exit 2
}

output() {
  echo "$1=$2" >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
}

case "$command" in
  check | impact | build) ;;
  *) fail "command must be check, impact or build, not '$command'" ;;
esac

# Word splitting of the args input, without glob expansion.
set -f
# shellcheck disable=SC2206
args=(${INPUT_ARGS:-})
set +f

# freshdocs would stop on a shallow clone too (exit 2); this says how to fix the workflow.
if [ "$command" != build ]; then
  shallow=$(git -C "$root" rev-parse --is-shallow-repository 2>/dev/null) ||
    fail "$root is not in a git repository: check and impact read its history. Run actions/checkout first."
  if [ "$shallow" = true ]; then
    fail "this is a shallow clone, and freshdocs needs the full history and tags. Add 'with: fetch-depth: 0' to the actions/checkout step."
  fi
fi

# PR mode: impact without a range compares the pull request with its base branch.
if [ "$command" = impact ] && [ -n "${GITHUB_BASE_REF:-}" ] &&
  { [ "${GITHUB_EVENT_NAME:-}" = pull_request ] || [ "${GITHUB_EVENT_NAME:-}" = pull_request_target ]; }; then
  has_range=false
  skip=false
  for arg in ${args[@]+"${args[@]}"}; do
    if $skip; then
      skip=false
    elif [[ $arg == --root || $arg == --now || $arg == --format || $arg == --limit ]]; then
      skip=true
    elif [[ $arg != -* ]]; then
      has_range=true
    fi
  done
  if ! $has_range; then
    base="origin/$GITHUB_BASE_REF"
    git -C "$root" rev-parse --verify --quiet "$base^{commit}" >/dev/null ||
      fail "$base is not in the clone: add 'with: fetch-depth: 0' to the actions/checkout step, so that the base branch is fetched."
    args=("$base...HEAD" ${args[@]+"${args[@]}"})
  fi
fi

if [ "$command" = build ]; then
  freshdocs build --root "$root" ${args[@]+"${args[@]}"}
  exit $?
fi

case "$format" in
  json | codequality) extension=json ;;
  junit) extension=xml ;;
  markdown) extension=md ;;
  *) extension=txt ;;
esac
report="$out_dir/$command.$format.$extension"
json_report="$out_dir/$command.json"

# The report people read; tee keeps the annotations of `github` in the log.
freshdocs "$command" --root "$root" --format "$format" ${args[@]+"${args[@]}"} | tee "$report"
code=${PIPESTATUS[0]}
output report "$report"
if [ "$code" -eq 2 ]; then
  exit 2
fi

# The same run as JSON, for the counts (without the step summary, which the first run wrote).
if [ "$format" = json ]; then
  cp "$report" "$json_report"
else
  env -u GITHUB_STEP_SUMMARY freshdocs "$command" --root "$root" --format json ${args[@]+"${args[@]}"} >"$json_report"
  [ $? -eq 2 ] && exit 2
fi
output json-report "$json_report"

counts=$(python3 - "$command" "$json_report" " ${args[*]} " <<'PY'
import json, sys
command, path, args = sys.argv[1], sys.argv[2], sys.argv[3]
with open(path, encoding="utf-8") as f:
    report = json.load(f)
if command == "check":
    print(report["summary"]["stale"], report["summary"]["errors"])
else:
    stale = sum(1 for a in report["articles"] if not a["updated_in_range"])
    print(stale, stale if " --fail " in args else 0)
PY
) || fail "could not read the JSON report $json_report"
read -r stale errors <<<"$counts"
output stale-count "$stale"
output error-count "$errors"

# `github` wrote the job summary; other formats get the Markdown report there.
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  if [ "$format" = markdown ]; then
    cat "$report" >>"$GITHUB_STEP_SUMMARY"
  elif [ "$format" != github ]; then
    env -u GITHUB_STEP_SUMMARY freshdocs "$command" --root "$root" --format markdown ${args[@]+"${args[@]}"} >>"$GITHUB_STEP_SUMMARY"
  fi
fi
exit "$code"

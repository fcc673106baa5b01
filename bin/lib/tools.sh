# Shared helpers for bin/run, bin/test and policies/build.sh. Sourced, not executed.
# Everything the project needs beyond a JDK 21+ and Go is found or installed here,
# into a per-user cache, never into the repository.

GDX_OPA_VERSION="${GDX_OPA_VERSION:-v1.22.2}"
GDX_VAULT_VERSION="${GDX_VAULT_VERSION:-v1.21.4}"
GDX_TOOLS_DIR="${GDX_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/gdx-hub/tools}"
GDX_TEST_USER="${GDX_TEST_USER:-gdxtest}"

gdx_log() { echo "[gdx] $*" >&2; }

gdx_java_major() { # prints the major version of the java binary in $1
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

# Exports JAVA_HOME pointing at a JDK 21 or newer: $JAVA_HOME, then java on PATH,
# then the newest JDK under the usual install roots.
gdx_use_java() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ]; then
      major="$(gdx_java_major "$candidate/bin/java")"
      if [ "${major:-0}" -ge 21 ]; then export JAVA_HOME="$candidate"; return 0; fi
    fi
  done
  local best="" best_major=0
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major="$(gdx_java_major "$candidate/bin/java")"
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major="$major"; fi
  done
  if [ -z "$best" ]; then
    gdx_log "no JDK 21 or newer found; install one (e.g. apt-get install openjdk-21-jdk) or set JAVA_HOME"
    return 1
  fi
  export JAVA_HOME="$best"
  gdx_log "using JDK $best_major at $JAVA_HOME"
}

# Prints the JVM options the hub runs with on the JDK at $JAVA_HOME, one per line (ADR 0021):
# compact object headers (JEP 519) from JDK 25 on, where they are a product feature.
gdx_hub_jvm_options() {
  local major
  major="$(gdx_java_major "$JAVA_HOME/bin/java")"
  if [ "${major:-0}" -ge 25 ]; then echo "-XX:+UseCompactObjectHeaders"; fi
}

# Prints the path of a Go tool built with `go install <module>@<version>` into the tools cache
# on first use: gdx_go_install <binary> <module> <version>.
gdx_go_install() {
  local binary="$1" module="$2" version="$3"
  local dir="$GDX_TOOLS_DIR/$binary-$version"
  if [ ! -x "$dir/$binary" ]; then
    command -v go >/dev/null || { gdx_log "Go is needed once to build $binary $version"; return 1; }
    gdx_log "building $binary $version with go install (first run only)"
    mkdir -p "$dir"
    GOBIN="$dir" GOFLAGS=-buildvcs=false go install "$module@$version" >&2 || return 1
  fi
  echo "$dir/$binary"
}

# Prints the path of the pinned opa binary.
gdx_ensure_opa() {
  gdx_go_install opa github.com/open-policy-agent/opa "$GDX_OPA_VERSION"
}

# Prints the path of the pinned vault binary (the Vault backend's tests run it in dev mode),
# building it from the Go module proxy on first use. `go install github.com/hashicorp/vault@...`
# refuses the module because its go.mod replaces vault/api and vault/sdk (and three api/auth
# modules) with directories that the published module does not contain; so the module is copied
# to a scratch directory, those local replaces are dropped (the versions it requires are then
# taken from the proxy; the other replaces stay) and the server is built there. v1.21.4's own
# sdk directory is between the published sdk v0.20.0 (lacks TryRecordObservationWithRequest)
# and v0.21.0 (which it requires), so three lines are adapted to v0.21.0: the two call sites of
# ActivationFunc (identity deduplication's activation flag; v0.21.0 adds an argument) and
# Transit's key restore (v0.21.0's RestorePolicy does not return the restored key's name, used
# there only to label an observation). The go.sum
# lines go adds for those modules are pinned in bin/lib/vault.go.sum (the checksum database is
# not reachable here, hence GOSUMDB=off: go verifies every module against the go.sum instead).
gdx_ensure_vault() {
  local dir="$GDX_TOOLS_DIR/vault-$GDX_VAULT_VERSION"
  if [ ! -x "$dir/vault" ]; then
    command -v go >/dev/null || { gdx_log "Go is needed once to build vault $GDX_VAULT_VERSION"; return 1; }
    gdx_log "building vault $GDX_VAULT_VERSION from the Go module proxy (first run only; 15-30 minutes)"
    local module work
    module="$(cd / && GOFLAGS=-mod=mod go mod download -json "github.com/hashicorp/vault@$GDX_VAULT_VERSION" \
      | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
    [ -n "$module" ] && [ -d "$module" ] || { gdx_log "go mod download of vault $GDX_VAULT_VERSION failed"; return 1; }
    work="$(mktemp -d "${TMPDIR:-/tmp}/gdx-vault-build.XXXXXX")"
    cp -r "$module" "$work/src" && chmod -R u+w "$work/src"
    local pinned
    pinned="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/vault.go.sum"
    if ! (cd "$work/src" \
        && go mod edit -dropreplace=github.com/hashicorp/vault/api -dropreplace=github.com/hashicorp/vault/sdk \
          -dropreplace=github.com/hashicorp/vault/api/auth/approle \
          -dropreplace=github.com/hashicorp/vault/api/auth/kubernetes \
          -dropreplace=github.com/hashicorp/vault/api/auth/userpass \
        && { [ ! -f "$pinned" ] || cat "$pinned" >> go.sum; } \
        && sed -i 's/ActivationFunc: iStore.activateDeduplication,/ActivationFunc: func(ctx context.Context, req *logical.Request, _ string) error { return iStore.activateDeduplication(ctx, req) },/' vault/identity_store.go \
        && sed -i 's/b.idStoreBackend.ActivationFunc(ctx, nil)/b.idStoreBackend.ActivationFunc(ctx, nil, "")/' vault/logical_system_activation_flags.go \
        && sed -i 's/restoredKeyName, err := b.lm.RestorePolicy(/restoredKeyName, err := keyName, b.lm.RestorePolicy(/' builtin/logical/transit/path_restore.go \
        && mkdir -p "$dir" \
        && GOFLAGS="-mod=mod -buildvcs=false" GOSUMDB=off CGO_ENABLED=0 go build -trimpath -o "$dir/vault.part" . >&2 \
        && mv "$dir/vault.part" "$dir/vault"); then
      gdx_log "building vault $GDX_VAULT_VERSION failed (scratch directory kept: $work)"
      return 1
    fi
    rm -rf "$work"
  fi
  echo "$dir/vault"
}

# Prints the bin directory of a PostgreSQL server installation, installing Debian's
# postgresql package when none is present and we are allowed to.
gdx_ensure_postgres() {
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  if [ -z "$bin" ] && command -v pg_config >/dev/null; then bin="$(pg_config --bindir)"; fi
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      gdx_log "installing PostgreSQL from Debian's packages"
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
      bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    else
      gdx_log "PostgreSQL server binaries (initdb, pg_ctl) not found; install the postgresql package"
      return 1
    fi
  fi
  echo "$bin"
}

# Prints the path of a Chromium for the console's browser tests (ConsoleJourneyIT drives it
# headless through Playwright, which never downloads a browser), installing Debian's
# chromium package when none is present and we are allowed to.
gdx_ensure_chromium() {
  local bin="${GDX_CHROMIUM_BIN:-}"
  if [ -z "$bin" ]; then bin="$(command -v chromium 2>/dev/null || true)"; fi
  if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      gdx_log "installing Chromium from Debian's packages"
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
      bin="$(command -v chromium)"
    else
      gdx_log "Chromium not found; install the chromium package (or set GDX_CHROMIUM_BIN)"
      return 1
    fi
  fi
  echo "$bin"
}

# PostgreSQL and Elasticsearch refuse to run as root: tests started as root
# run those servers as this unprivileged user.
gdx_ensure_test_user() {
  if [ "$(id -u)" = 0 ] && ! id "$GDX_TEST_USER" >/dev/null 2>&1; then
    gdx_log "creating unprivileged user $GDX_TEST_USER for test servers"
    useradd --system --no-create-home --shell /usr/sbin/nologin "$GDX_TEST_USER"
  fi
}

# Terraform checks (bin/check-terraform). Terraform itself is not in any registry this project
# may use: a `terraform` on PATH is used as it is; otherwise OpenTofu (the same CLI and language,
# MPL-2.0) is built from the Go module proxy. `go install` refuses OpenTofu's module (its go.mod
# has a replace directive), so it is downloaded with `go mod download` and built from a copy.
GDX_TOFU_VERSION="${GDX_TOFU_VERSION:-v1.10.10}"
GDX_TFLINT_VERSION="${GDX_TFLINT_VERSION:-v0.64.0}"

# Prints the path of a terraform-compatible CLI.
gdx_ensure_terraform() {
  if command -v terraform >/dev/null; then
    command -v terraform
    return 0
  fi
  local dir="$GDX_TOOLS_DIR/opentofu-$GDX_TOFU_VERSION"
  if [ ! -x "$dir/tofu" ]; then
    command -v go >/dev/null || { gdx_log "Go is needed once to build OpenTofu $GDX_TOFU_VERSION"; return 1; }
    gdx_log "building OpenTofu $GDX_TOFU_VERSION from the Go module proxy (first run only, a few minutes)"
    local src build
    src="$(go mod download -json "github.com/opentofu/opentofu@$GDX_TOFU_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
    [ -n "$src" ] || { gdx_log "could not download github.com/opentofu/opentofu@$GDX_TOFU_VERSION"; return 1; }
    build="$(mktemp -d)"
    cp -r "$src/." "$build/" && chmod -R u+w "$build"
    mkdir -p "$dir"
    (cd "$build" && GOFLAGS=-buildvcs=false go build -o "$dir/tofu" ./cmd/tofu) >&2 || { rm -rf "$build"; return 1; }
    rm -rf "$build"
  fi
  echo "$dir/tofu"
}

# Prints the path of the pinned tflint (its bundled Terraform rules need no plugin download).
gdx_ensure_tflint() {
  gdx_go_install tflint github.com/terraform-linters/tflint "$GDX_TFLINT_VERSION"
}

# Prints the path of the pinned schemathesis CLI (API fuzzing against the hub's OpenAPI
# document, issue #10), installing it from PyPI into a venv under the tools cache on first use.
GDX_SCHEMATHESIS_VERSION="${GDX_SCHEMATHESIS_VERSION:-4.32.5}"
gdx_ensure_schemathesis() {
  local dir="$GDX_TOOLS_DIR/schemathesis-$GDX_SCHEMATHESIS_VERSION"
  if [ ! -x "$dir/bin/st" ]; then
    command -v python3 >/dev/null || { gdx_log "Python 3 (with venv) is needed for schemathesis"; return 1; }
    gdx_log "installing schemathesis $GDX_SCHEMATHESIS_VERSION from PyPI (first run only)"
    rm -rf "$dir"
    python3 -m venv "$dir" >&2 && "$dir/bin/pip" install -q "schemathesis==$GDX_SCHEMATHESIS_VERSION" >&2 \
      || { rm -rf "$dir"; gdx_log "could not install schemathesis"; return 1; }
  fi
  echo "$dir/bin/st"
}

# shellcheck shell=bash
# A private apt configuration for pvm's pinned Debian packages (sourced by
# scripts/fetch-debs.sh and scripts/update-pins.sh). Everything lives under
# cache/apt (git-ignored): its own sources file (bookworm, bookworm-updates,
# bookworm-security main for amd64 and arm64), package lists, .deb cache and
# an empty dpkg status, so neither `dpkg --add-architecture` nor the host's
# package lists or sources.list.d are touched or read. The host's apt.conf.d
# still applies (proxies). Mirrors: PVM_DEBIAN_MIRROR (default
# http://deb.debian.org/debian) and PVM_DEBIAN_SECURITY_MIRROR (default
# http://deb.debian.org/debian-security).
# After apt_private_init: "${APT_PRIVATE[@]}" are the options for apt-get and
# apt-cache; apt_private_update refreshes the lists; apt_private_has_lists
# says whether an update ever completed.

apt_private_init() { # [ROOT]
    local root=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
    APT_DIR=${PVM_APT_DIR:-$root/cache/apt}
    local m=${PVM_DEBIAN_MIRROR:-http://deb.debian.org/debian}
    local s=${PVM_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
    mkdir -p "$APT_DIR/sources.list.d" "$APT_DIR/preferences.d" "$APT_DIR/state/lists/partial" \
        "$APT_DIR/cache/archives/partial"
    [ -f "$APT_DIR/state/status" ] || : > "$APT_DIR/state/status"
    local want
    want="deb [arch=amd64,arm64] $m bookworm main
deb [arch=amd64,arm64] $m bookworm-updates main
deb [arch=amd64,arm64] $s bookworm-security main"
    # another mirror: the lists of the old one no longer count
    if apt_private_put "$APT_DIR/sources.list" "$want"; then
        rm -f "$APT_DIR/state/.updated"
    fi
    apt_private_put "$APT_DIR/apt.conf" "$(cat <<CONF
Dir::Etc::SourceList "$APT_DIR/sources.list";
Dir::Etc::SourceParts "$APT_DIR/sources.list.d";
Dir::Etc::Preferences "$APT_DIR/preferences";
Dir::Etc::PreferencesParts "$APT_DIR/preferences.d";
Dir::State "$APT_DIR/state";
Dir::State::status "$APT_DIR/state/status";
Dir::Cache "$APT_DIR/cache";
#clear APT::Architectures;
APT::Architectures { "amd64"; "arm64"; };
Acquire::Languages "none";
Acquire::PDiffs "false";
APT::Get::List-Cleanup "true";
CONF
)" || true
    APT_PRIVATE=(-c "$APT_DIR/apt.conf")
    # as root, apt's download sandbox user (_apt) cannot write to our cache
    [ "$(id -u)" = 0 ] && APT_PRIVATE+=(-o APT::Sandbox::User=root)
    return 0
}

# apt_private_put FILE TEXT: replaces FILE atomically (another fetch may be
# reading it) when its text differs; true when it changed
apt_private_put() {
    [ -f "$1" ] && [ "$(cat "$1")" = "$2" ] && return 1
    local t
    t=$(mktemp "$1.XXXXXX")
    printf '%s\n' "$2" > "$t"
    chmod 644 "$t"
    mv -f "$t" "$1"
}

apt_private_has_lists() { [ -f "$APT_DIR/state/.updated" ]; }

apt_private_update() {
    rm -f "$APT_DIR/state/.updated"
    if ! apt-get "${APT_PRIVATE[@]}" update -qq > "$APT_DIR/update.log" 2>&1; then
        cat "$APT_DIR/update.log" >&2
        echo "apt-private: apt-get update of $APT_DIR/sources.list failed (PVM_DEBIAN_MIRROR sets the mirror)" >&2
        return 1
    fi
    touch "$APT_DIR/state/.updated"
}

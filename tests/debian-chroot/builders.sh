# chroot-test, the package-build engines (issue 15): sourced by inside.sh
# after its own steps, in the same namespaces, with its step() and results.
# Each engine runs as a non-root build user and makes user namespaces of its
# own, nested in the test's: an arm64 program started in any of them is found
# by the kernel in the nearest ancestor namespace that has a binfmt_misc
# instance, which is the test's (the engines mount none), so every one
# reaches EMU only through the test's F-flag entry.
#   builder       the build user pvmbuild (uid and gid CHROOT_BUILD_ID) and
#                 its subordinate ids (CHROOT_SUBIDS, 65536 of them) in a
#                 private copy of /etc bind-mounted over /etc in this mount
#                 namespace: the host's /etc is never written, and the user
#                 vanishes with the namespace on every exit path, kill
#                 included. Checks that user namespaces nested in this one,
#                 by unshare and by newuidmap's subordinate ids, run arm64
#                 programs through this namespace's entry
#   mmdebstrap    mmdebstrap --mode=unshare --variant=buildd --arch=arm64
#                 bookworm, as the build user, into a tarball (the variant
#                 and tarball sbuild's unshare mode uses); its downloads are
#                 cached in CACHE/mmdebstrap
#   sbuild        sbuild --chroot-mode=unshare --arch=arm64 of the hello
#                 source apt-source fetched, from that tarball; the built
#                 /usr/bin/hello greets in the debootstrap root
#   podman-run    where podman can run: podman import of the tarball as an
#                 arm64 image; podman run --arch arm64 of it prints aarch64
#   podman-build  podman build --platform linux/arm64 of an image whose RUN
#                 step compiles and runs a C program with gcc
# Podman runs rootless as the build user with its configuration and storage
# (vfs) in WORK/podman, removed afterwards; runc, cgroupfs, --network=none.
# The steps skip with the reason printed where podman cannot run.
# shellcheck shell=bash
# (dir, work, cache, mirror, results and broken are inside.sh's)
# shellcheck disable=SC2154

b_name=pvmbuild
b_id=$CHROOT_BUILD_ID
b_sub=$CHROOT_SUBIDS
b_home=$work/builder
b_tar=$b_home/.cache/sbuild/bookworm-arm64.tar
b_pod=$work/podman

# as_builder COMMAND...: COMMAND as the build user, with a clean environment
as_builder() {
    setpriv --reuid="$b_id" --regid="$b_id" --clear-groups --inh-caps=-all \
        env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$b_home" USER="$b_name" \
        LOGNAME="$b_name" LANG=C.UTF-8 TERM=dumb TMPDIR="$work/tmp" "$@"
}

builder_setup() {
    local etc=$work/etc
    # the user and its ranges exist only in this mount namespace
    rm -rf "$etc" "$b_home"
    cp -a /etc "$etc" || return 1
    echo "$b_name:x:$b_id:$b_id:pvm chroot-test build user:$b_home:/bin/sh" >> "$etc/passwd"
    echo "$b_name:x:$b_id:" >> "$etc/group"
    echo "$b_name:$b_sub:65536" > "$etc/subuid"
    echo "$b_name:$b_sub:65536" > "$etc/subgid"
    mount --bind "$etc" /etc || return 1
    # (mmdebstrap and podman write their temporary files to TMPDIR, WORK/tmp)
    rm -rf "$work/tmp"
    mkdir -p "$b_home/.cache/sbuild" "$cache/mmdebstrap" "$work/tmp" || return 1
    chown -R "$b_id:$b_id" "$b_home" "$cache/mmdebstrap" "$work/tmp" || return 1
    echo "build user: $(as_builder id)"
    echo "subuid: $(cat /etc/subuid)"
    local e
    for e in /proc/sys/fs/binfmt_misc/*; do
        case ${e##*/} in register | status) ;; *) echo "this namespace's entry ${e##*/}: $(tr '\n' ' ' < "$e")" ;; esac
    done
    # nested user namespaces see no instance of their own: the kernel
    # looks the entry up in this namespace's
    local out
    out=$(as_builder unshare --user --map-root-user --mount chroot "$dir" /usr/bin/uname -m) || return 1
    echo "unshare --map-root-user: chroot uname -m: $out"
    [ "$out" = aarch64 ] || return 1
    # shellcheck disable=SC2016
    out=$(as_builder unshare --user --map-auto --map-root-user --mount \
        sh -c 'cat /proc/self/uid_map; chroot "$1" /usr/bin/uname -m' sh "$dir") || return 1
    echo "unshare --map-auto (newuidmap, /etc/subuid): $out"
    [ "${out##*$'\n'}" = aarch64 ]
}

mmdebstrap_step() {
    rm -f "$b_tar"
    # the downloads are kept in CACHE/mmdebstrap (the man page's sync-in and
    # sync-out hooks); the emulation check looks for a qemu entry or
    # /usr/bin/qemu-aarch64-static by name, so it is skipped: arm64
    # programs run through the test's F-flag entry whatever its name
    # shellcheck disable=SC2016
    as_builder mmdebstrap --mode=unshare --variant=buildd --arch=arm64 --format=tar \
        --skip=check/qemu --skip=essential/unlink \
        --setup-hook='mkdir -p "$1"/var/cache/apt/archives/' \
        --setup-hook="sync-in $cache/mmdebstrap /var/cache/apt/archives/" \
        --customize-hook="sync-out /var/cache/apt/archives $cache/mmdebstrap" \
        bookworm "$b_tar" "deb $mirror bookworm main" || return 1
    ls -l "$b_tar"
    tar -tf "$b_tar" ./usr/bin/gcc ./usr/bin/apt-get ./usr/bin/dpkg-buildpackage
}

sbuild_step() {
    local src=$b_home/src deb=$work/sbuild-hello out
    rm -rf "$src" "$deb" "$work/sbuild-tmp"
    mkdir -p "$src" "$work/sbuild-tmp" "$deb" || return 1
    cp "$dir"/root/src/hello_*.dsc "$dir"/root/src/hello_*.tar.* "$src/" || return 1
    # sbuild unpacks the tarball in /tmp by default: here under WORK
    # shellcheck disable=SC2016
    printf '$unshare_tmpdir_template = "%s/tmp.sbuild.XXXXXXXXXX";\n1;\n' "$work/sbuild-tmp" > "$b_home/.sbuildrc"
    chown -R "$b_id:$b_id" "$src" "$work/sbuild-tmp" "$b_home/.sbuildrc" || return 1
    (cd "$src" && as_builder sbuild --chroot-mode=unshare --arch=arm64 --dist=bookworm \
        --chroot="$b_tar" --no-run-lintian --no-run-piuparts --no-run-autopkgtest \
        --nolog hello_*.dsc) || return 1
    ls -l "$src"/hello_*_arm64.deb || return 1
    # the built program, in the debootstrap root
    dpkg-deb -x "$src"/hello_*_arm64.deb "$deb" || return 1
    cp "$deb/usr/bin/hello" "$dir/tmp/hello-sbuild" || return 1
    out=$(in_chroot /tmp/hello-sbuild) || return 1
    echo "$out"
    [ "$out" = "Hello, world!" ]
}

# podman_env: podman's configuration and storage, private to the test; the
# CONTAINERS_* files replace the system's and the user's
podman_env() {
    as_builder env XDG_RUNTIME_DIR="$b_pod/run" XDG_CONFIG_HOME="$b_pod/config" \
        XDG_DATA_HOME="$b_pod/data" CONTAINERS_CONF="$b_pod/containers.conf" \
        CONTAINERS_STORAGE_CONF="$b_pod/storage.conf" \
        CONTAINERS_REGISTRIES_CONF="$b_pod/registries.conf" "$@"
}

podman_setup() {
    rm -rf "$b_pod"
    mkdir -p "$b_pod/run" "$b_pod/config" "$b_pod/data" "$b_pod/ctx" || return 1
    cat > "$b_pod/containers.conf" << 'EOF'
[containers]
netns = "none"
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
    printf '[storage]\ndriver = "vfs"\ngraphroot = "%s/storage"\nrunroot = "%s/runroot"\n' \
        "$b_pod" "$b_pod" > "$b_pod/storage.conf"
    echo 'unqualified-search-registries = []' > "$b_pod/registries.conf"
    chmod 0700 "$b_pod/run"
    chown -R "$b_id:$b_id" "$b_pod" || return 1
    podman_env podman info
}

podman_run() {
    podman_env podman import --arch arm64 "$b_tar" localhost/pvm-arm64:bookworm || return 1
    local out
    out=$(podman_env podman run --rm --arch arm64 --network=none localhost/pvm-arm64:bookworm uname -m) || return 1
    echo "podman run --arch arm64 ... uname -m: $out"
    [ "$out" = aarch64 ]
}

podman_build() {
    cp "$dir/root/t.c" "$b_pod/ctx/t.c" || return 1
    cat > "$b_pod/ctx/Containerfile" << 'EOF'
FROM localhost/pvm-arm64:bookworm
COPY t.c /root/t.c
RUN cd /root && gcc -O2 -Wall -Werror -o t t.c && ./t > t.out && uname -m >> t.out
EOF
    chown -R "$b_id:$b_id" "$b_pod/ctx" || return 1
    podman_env podman build --platform linux/arm64 --network=none \
        -t localhost/pvm-arm64-gcc:bookworm "$b_pod/ctx" || return 1
    local out
    out=$(podman_env podman run --rm --arch arm64 --network=none localhost/pvm-arm64-gcc:bookworm cat /root/t.out) || return 1
    echo "$out"
    [ "$out" = "primes 9592 sum 454396537"$'\n'"aarch64" ]
}

# skip_step NAME REASON
skip_step() {
    echo "step $1: skipped ($2)"
    echo "skip $1 0" >> "$results"
}

export b_name b_id b_sub b_home b_tar b_pod
export -f as_builder builder_setup mmdebstrap_step sbuild_step podman_env podman_setup podman_run podman_build
step builder builder_setup
step mmdebstrap mmdebstrap_step
step sbuild sbuild_step
if [ -n "$broken" ]; then
    step podman-run podman_run
    step podman-build podman_build
elif ! command -v podman > /dev/null || ! command -v runc > /dev/null; then
    skip_step podman-run "podman or runc not installed"
    skip_step podman-build "podman or runc not installed"
elif ! timeout -k 10 300 bash -c podman_setup > "$logs/podman-info.log" 2>&1; then
    # (in a child: this shell, pid 1, was started before run.sh wrote the id
    # maps and so holds no capabilities; its children do)
    reason=$(grep -m 1 -i 'error' "$logs/podman-info.log")
    skip_step podman-run "podman cannot run here: ${reason:-podman info failed}"
    skip_step podman-build "podman cannot run here"
else
    step podman-run podman_run
    step podman-build podman_build
fi
rm -rf "$b_pod"

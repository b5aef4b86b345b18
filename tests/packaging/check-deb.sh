#!/usr/bin/env bash
# The Debian package, end to end: cpack -G DEB into a scratch folder, dpkg -x
# into a scratch root, every file in its standard place, the unpacked
# executables run (--version, a tiny training run on an IDX file written
# here), and lintian (no E: tag), desktop-file-validate and
# appstreamcli validate are clean; then the source tarball.
#   check-deb.sh BUILD_DIR CPACK VERSION APP_ID
# Registered with CTest by tests/packaging/CMakeLists.txt (label "packaging").
set -euo pipefail

build=$1 cpack=$2 version=$3 id=$4
scratch=$(mktemp -d "${TMPDIR:-/tmp}/mlps-deb.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
failures=0
checks=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
check() { # check DESCRIPTION COMMAND...
  local what=$1
  shift
  checks=$((checks + 1))
  if "$@"; then echo "ok: $what"; else fail "$what"; fi
}
step() { echo "== $* ($SECONDS s)"; }

for tool in dpkg dpkg-deb lintian desktop-file-validate appstreamcli update-mime-database file readelf; do
  if ! command -v "$tool" >/dev/null; then
    echo "check-deb: $tool is missing (scripts/setup.sh installs it)" >&2
    exit 1
  fi
done
arch=$(dpkg --print-architecture)

step "cpack -G DEB"
if ! "$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$scratch/out" >"$scratch/cpack.log" 2>&1; then
  cat "$scratch/cpack.log" >&2
  exit 1
fi
deb=$scratch/out/mlp-studio_${version}_${arch}.deb
if [ ! -f "$deb" ]; then
  cat "$scratch/cpack.log" >&2
  echo "check-deb: no $(basename "$deb"); cpack wrote: $(ls "$scratch/out")" >&2
  exit 1
fi
echo "$(basename "$deb"): $(du -h "$deb" | cut -f1)"

step "control fields"
field() { dpkg-deb --field "$deb" "$1"; }
dpkg-deb --field "$deb"
check "Package is mlp-studio" test "$(field Package)" = mlp-studio
check "Version is $version" test "$(field Version)" = "$version"
check "Architecture is $arch" test "$(field Architecture)" = "$arch"
check "Section is science" test "$(field Section)" = science
depends=$(field Depends)
for lib in libc6 libstdc++6 libqt6core6 libqt6gui6 libqt6widgets6 libquazip1-qt6 libarchive13; do
  check "Depends names $lib (dpkg-shlibdeps)" grep -q "\\b$lib\\b" <<<"$depends"
done

step "dpkg -x"
root=$scratch/root
dpkg -x "$deb" "$root"
usr=$root/usr
share=$usr/share
for exe in mlp-studio mlp-studio-cli; do
  check "/usr/bin/$exe is executable" test -x "$usr/bin/$exe"
  check "/usr/bin/$exe has no RPATH/RUNPATH" bash -c "! readelf -d '$usr/bin/$exe' | grep -qE 'RPATH|RUNPATH'"
  check "/usr/bin/$exe is stripped" bash -c "file -b '$usr/bin/$exe' | grep -q ', stripped'"
  check "/usr/bin/$exe finds all its libraries" bash -c "! ldd '$usr/bin/$exe' | grep -q 'not found'"
done
check "nothing outside /usr" test "$(ls "$root")" = usr
desktop=$share/applications/$id.desktop
metainfo=$share/metainfo/$id.metainfo.xml
mime=$share/mime/packages/$id.xml
for f in "$desktop" "$metainfo" "$mime" "$share/icons/hicolor/scalable/apps/$id.svg" \
  "$share/doc/mlp-studio/copyright" "$share/doc/mlp-studio/changelog.gz"; do
  check "${f#"$root"} is there" test -s "$f"
done
for size in 16 22 24 32 48 64 128 256 512; do
  png=$share/icons/hicolor/${size}x${size}/apps/$id.png
  check "${png#"$root"} is a ${size}x${size} PNG" bash -c "file -b '$png' | grep -q 'PNG image data, $size x $size'"
done
for page in mlp-studio mlp-studio-cli; do
  man=$share/man/man1/$page.1.gz
  check "${man#"$root"} is a gzip'ed manual page" bash -c \
    "gzip -t '$man' && zcat '$man' | grep -qi '^\\.TH \"\\?$page\"\\? \"\\?1\"\\? '"
done
check "mlp-studio-cli(1) documents train's options" bash -c "zcat '$share/man/man1/mlp-studio-cli.1.gz' | grep -q 'learning'"

step "desktop entry and MIME type"
check "desktop entry runs mlp-studio %f" grep -qx 'Exec=mlp-studio %f' "$desktop"
check "desktop entry's icon is $id" grep -qx "Icon=$id" "$desktop"
check "desktop entry opens application/x-mlpstudio" grep -q '^MimeType=.*application/x-mlpstudio;' "$desktop"
check "desktop entry's categories" grep -qx 'Categories=Education;Science;Development;.*' "$desktop"
check "desktop-file-validate" desktop-file-validate "$desktop"
mkdir -p "$scratch/mime/packages"
cp "$mime" "$scratch/mime/packages/"
# (It also notes that the scratch folder is not in XDG_DATA_DIRS: not a problem.)
check "update-mime-database reads the MIME package without a complaint" bash -c \
  "update-mime-database '$scratch/mime' >'$scratch/mime.log' 2>&1 && ! grep -qiE 'error|warning|unknown|invalid|ignor' '$scratch/mime.log'"
check "*.mlpstudio is application/x-mlpstudio" grep -qx 'application/x-mlpstudio:\*\.mlpstudio' "$scratch/mime/globs"
check "application/x-mlpstudio is a kind of application/zip" grep -qx 'application/x-mlpstudio application/zip' "$scratch/mime/subclasses"

step "AppStream metadata"
check "metainfo names version $version" grep -q "<release version=\"$version\" date=\"[0-9-]*\"" "$metainfo"
check "appstreamcli validate --no-net" appstreamcli validate --no-net "$metainfo"
check "appstreamcli validate-tree --no-net (metainfo, desktop entry, icons together)" \
  appstreamcli validate-tree --no-net "$root"

step "the unpacked executables"
# Qt and the other libraries are the system's: no LD_LIBRARY_PATH.
unset LD_LIBRARY_PATH
cli=$usr/bin/mlp-studio-cli
check "mlp-studio-cli --version prints $version" test "$("$cli" --version)" = "mlp-studio-cli $version"
check "mlp-studio --version prints $version (no display needed)" \
  test "$(env -u DISPLAY -u WAYLAND_DISPLAY "$usr/bin/mlp-studio" --version)" = "mlp-studio $version"

# A tiny IDX dataset: 60 images of 28x28, class 0 bright on the left half,
# class 1 on the right; one pixel differs per image so none is a duplicate.
data=$scratch/data
mkdir -p "$data"
be32() { printf "\\$(printf %03o $(($1 >> 24 & 255)))\\$(printf %03o $(($1 >> 16 & 255)))\\$(printf %03o $(($1 >> 8 & 255)))\\$(printf %03o $(($1 & 255)))"; }
half=$(printf '\377%.0s' {1..14})
for row in $(seq 28); do printf '%s' "$half"; head -c 14 /dev/zero; done >"$data/left"
for row in $(seq 28); do head -c 14 /dev/zero; printf '%s' "$half"; done >"$data/right"
count=60
{
  printf '\000\000\010\003'
  be32 $count
  be32 28
  be32 28
  for i in $(seq 0 $((count - 1))); do
    if ((i % 2)); then image=$data/right; else image=$data/left; fi
    head -c 392 "$image"
    printf "\\$(printf %03o $((i + 20)))"
    tail -c 391 "$image"
  done
} >"$data/tiny-images-idx3-ubyte"
{
  printf '\000\000\010\001'
  be32 $count
  for i in $(seq 0 $((count - 1))); do printf "\\$(printf %03o $((i % 2)))"; done
} >"$data/tiny-labels-idx1-ubyte"
step "a tiny training run with the unpacked mlp-studio-cli"
set +e
(cd "$scratch" && HOME=$scratch XDG_CACHE_HOME=$scratch/cache "$cli" train --data "$data/tiny-images-idx3-ubyte" \
  --layers 8 --epochs 5 --batch 10 --lr 0.1 --val 10 --test-split 10 --threads 1 --seed 3 --no-cache \
  --json >"$scratch/train.out" 2>"$scratch/train.err")
status=$?
set -e
cat "$scratch/train.err"
tail -n 1 "$scratch/train.out" | cut -c 1-300
checks=$((checks + 1))
if [ $status -ne 0 ]; then
  fail "mlp-studio-cli train exited with $status"
else
  accuracy=$(tail -n 1 "$scratch/train.out" | grep -o '"test_accuracy": *[0-9.e+-]*' | sed 's/.*: *//')
  if [ -z "$accuracy" ]; then
    fail "no test_accuracy in mlp-studio-cli train's JSON"
  elif awk -v a="$accuracy" 'BEGIN { exit !(a >= 0.9) }'; then
    echo "ok: tiny training run, test accuracy $accuracy"
  else
    fail "tiny training run: test accuracy $accuracy < 0.9 on a trivially separable set"
  fi
fi

step "lintian"
set +e
lintian --tag-display-limit 0 --display-info "$deb" >"$scratch/lintian.log" 2>&1
set -e
cat "$scratch/lintian.log"
check "lintian reports no error (E:)" bash -c "! grep -q '^E: ' '$scratch/lintian.log'"

step "source tarball"
if "$cpack" --config "$build/CPackSourceConfig.cmake" -B "$scratch/src" >"$scratch/cpack-source.log" 2>&1; then
  tarball=$scratch/src/mlp-studio-$version.tar.xz
  if [ -f "$tarball" ]; then
    tar -tJf "$tarball" >"$scratch/source.list"
    echo "$(basename "$tarball"): $(du -h "$tarball" | cut -f1), $(wc -l <"$scratch/source.list") entries"
    for f in CMakeLists.txt packaging/CMakeLists.txt resources/icons/mlp-studio.svg tests/packaging/check-deb.sh; do
      check "source tarball has $f" grep -qx "mlp-studio-$version/$f" "$scratch/source.list"
    done
    check "source tarball has no build folder or Git data" bash -c \
      "! grep -qE '^mlp-studio-$version/(build[^/]*|\\.git)/' '$scratch/source.list'"
  else
    cat "$scratch/cpack-source.log" >&2
    fail "no $(basename "$tarball")"
  fi
else
  cat "$scratch/cpack-source.log" >&2
  fail "cpack --config CPackSourceConfig.cmake"
fi

step "done"
echo "$((checks - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]

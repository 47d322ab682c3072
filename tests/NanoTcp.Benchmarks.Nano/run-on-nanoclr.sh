#!/bin/sh
# Builds the nanoCLR benchmark with the genuine nanoFramework toolchain and runs it on nanoCLR, as
# ../shared/nanoclr/README.md describes: Roslyn against ref/ (sources = each .nfproj's Compile list), the metadata
# processor to .pe, then nanoclr-run. NANOCLR_HOME overrides the toolchain folder; the build goes to bin/nano/.
# Prints nanoCLR's output, then one line of figures per CPU second of the nanoclr process (GNU time): the machine may
# be shared, and the program's own wall-clock figures then count other processes' time too.
# Exits 1 when the toolchain is missing or a step fails.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
NF=${NANOCLR_HOME:-$root/../shared/nanoclr}
out=$here/bin/nano
if [ ! -x "$NF/nanoclr-run" ] || [ ! -f "$NF/ref/mscorlib.dll" ]; then
    echo "nanoCLR toolchain not found at $NF (set NANOCLR_HOME)" >&2
    exit 1
fi
csc=$(dotnet --list-sdks | tail -1 | sed -E 's/^([^ ]+) \[(.*)\]$/\2\/\1/')/Roslyn/bincore/csc.dll
mkdir -p "$out"

# build NAME KIND NFPROJ REFS...: compile the .nfproj's Compile items into $out/NAME.{dll|exe}, then .pe. A REF is an
# assembly of $NF/ref or of $out (by name).
build() {
    name=$1 kind=$2 nfproj=$3
    shift 3
    dir=$(dirname "$nfproj")
    ext=dll
    [ "$kind" = exe ] && ext=exe
    refs="" hints=""
    for r in mscorlib "$@"; do
        if [ -f "$out/$r.dll" ]; then file=$out/$r.dll; else file=$NF/ref/$r.dll; fi
        refs="$refs -r:$file"
        hints="$hints -loadHints $r $file"
    done
    sources=$(grep -o 'Compile Include="[^"]*"' "$nfproj" | sed -e 's/^Compile Include="//' -e 's/"$//' -e 's#\\#/#g' -e "s#^#$dir/#")
    # shellcheck disable=SC2086
    dotnet "$csc" -nologo -noconfig -nostdlib -deterministic -optimize+ -debug:portable -langversion:9 \
        -define:NANOFRAMEWORK_1_0 -nowarn:1591 -warnaserror -t:"$kind" -out:"$out/$name.$ext" $refs $sources
    # shellcheck disable=SC2086
    dotnet "$NF/mdp/nanoFramework.Tools.MetadataProcessor.dll" $hints -parse "$out/$name.$ext" -compile "$out/$name.pe" false >"$out/$name.mdp.log"
    if [ ! -s "$out/$name.pe" ]; then
        cat "$out/$name.mdp.log" >&2
        echo "metadata processor made no $name.pe" >&2
        exit 1
    fi
}

build NanoTcp.Hardware library "$root/hw/NanoTcp.Hardware/NanoTcp.Hardware.nfproj"
build NanoTcp library "$root/firmware/NanoTcp/NanoTcp.nfproj" NanoTcp.Hardware System.IO.Streams nanoFramework.System.Text
build NanoTcp.Benchmarks.Nano exe "$here/NanoTcp.Benchmarks.Nano.nfproj" NanoTcp.Hardware NanoTcp nanoFramework.Runtime.Native System.IO.Streams nanoFramework.System.Text
/usr/bin/time -f "%U %S" -o "$out/cpu.txt" "$NF/nanoclr-run" --timeout "${NANOCLR_TIMEOUT:-300}" \
    nanoFramework.Runtime.Native nanoFramework.System.Text System.IO.Streams \
    "$out/NanoTcp.Hardware.pe" "$out/NanoTcp.pe" "$out/NanoTcp.Benchmarks.Nano.pe" | tee "$out/output.txt"
# "total B B, F frames" from the report; CPU = user + system seconds (about 0.04 s of it is loading the assemblies).
awk -v cpu="$(awk '{ print $1 + $2 }' "$out/cpu.txt")" '
    /^stack-to-stack:/ && match($0, /total [0-9]+ B, [0-9]+ frames/) {
        split(substr($0, RSTART, RLENGTH), f, " ")
        printf "nanoCLR CPU: %.2f MB/s, %.1f us/frame (%s B, %s frames, %.2f s CPU)\n", f[2] / cpu / 1e6, cpu * 1e6 / f[4], f[2], f[4], cpu
        found = 1
    }
    END { if (!found) { print "nanoCLR CPU: no report line" > "/dev/stderr"; exit 1 } }' "$out/output.txt"

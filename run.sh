#!/usr/bin/env bash
# Main job: build everything, list the catalog, fetch the models the job uses (from ../shared/models as a local
# mirror; `kwsnano models fetch all` fetches every catalog model, from the public URLs for those the mirror lacks),
# convert ds_cnn_s and micronet_m to .kwsm, inspect one, classify a recording, and run the virtual
# board on a 4-second recording of "yes, no, go, stop".
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
SHARED="${KWS_SHARED:-$(cd .. && pwd)/shared}"
export KWSNANO_MODEL_MIRROR="${KWSNANO_MODEL_MIRROR:-$SHARED/models}"
OUT="${KWS_OUT:-out}"
mkdir -p "$OUT"
dotnet build KwsNano.sln -c Release -nologo -v q
kws() { dotnet tools/KwsNano.Cli/bin/Release/net10.0/kwsnano.dll "$@"; }

echo "== models in the catalog"
kws models list
for id in ds_cnn_s micronet_m; do kws models fetch "$id"; done
for id in ds_cnn_s micronet_m; do
  echo "== convert $id"
  kws convert "$id" -o "$OUT/$id.kwsm" --c-source "$OUT/c"
  kws verify "$OUT/$id.kwsm"
done
echo "== inspect ds_cnn_s"
kws inspect "$OUT/ds_cnn_s.kwsm"
echo "== classify"
kws classify "$SHARED/audio/recordings/yes.wav" --model "$OUT/ds_cnn_s.kwsm"
kws classify "$SHARED/audio/recordings/down.wav" --model "$OUT/micronet_m.kwsm"
echo "== virtual board"
kws run --wav "$SHARED/audio/recordings/yes_no_go_stop.wav" --model "$OUT/ds_cnn_s.kwsm"
# micronet_m on the STM32F769I profile (its microphone is the native-capture path).
kws run --wav "$SHARED/audio/recordings/yes_no_go_stop.wav" --model "$OUT/micronet_m.kwsm" --target ST_STM32F769I_DISCOVERY

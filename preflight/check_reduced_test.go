//go:build !(js && wasm)

package preflight

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCheckReducedDecodeKeepsVerdicts: Check decodes a 12 MP JPEG at half
// size from its coefficients (reducingDecoder) for the pure engine too;
// on 12 MP synthetic photos that exercise the detector, 822, 826 and 827
// its codes equal those of the full image/jpeg decode, and the outline
// moves by under 1 % of the short side (the gocv engine's tolerance
// against the pure one, whose decoders differ likewise: the small card's
// corner moves 0.7 %).
func TestCheckReducedDecodeKeepsVerdicts(t *testing.T) {
	want := []string{"centred bg0 ID-1", "small bg0", "blurred bg0", "compressed bg0"}
	for _, c := range synthCases(t, 4000, 3000, 14) {
		if !slices.Contains(want, c.name) {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			full := checkWith(t, c, goEngine{})
			reduced := checkWith(t, c, reducingDecoder(goEngine{}))
			assert.Equal(t, full.Codes, reduced.Codes)
			require.Equal(t, len(full.Quads), len(reduced.Quads))
			for i := range full.Quads {
				assert.LessOrEqual(t, maxCornerShift(full.Quads[i], reduced.Quads[i]), 0.01*3000, "quad %d", i)
			}
		})
	}
}

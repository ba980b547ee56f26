package synth

import (
	"math"
	"testing"

	"github.com/idpreflight/idpreflight/internal/vision"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPhotoContents(t *testing.T) {
	desk, err := DeskPhoto(320, 240, 3, 1)
	require.NoError(t, err)
	again, err := DeskPhoto(320, 240, 3, 1)
	require.NoError(t, err)
	assert.Equal(t, desk.Pix, again.Pix, "deterministic for a seed")

	text := TextPage(320, 240, 1)
	dark := 0
	for i := 0; i < len(text.Pix); i += 3 {
		if text.Pix[i] < 100 {
			dark++
		}
	}
	assert.Greater(t, dark, 320*240/50, "the page carries ink")
	assert.Less(t, dark, 320*240/2, "on white paper")

	g := GradientPhoto(100, 50)
	assert.Less(t, g.Pix[0], g.Pix[3*99], "red grows left to right")
}

func TestGrainStatistics(t *testing.T) {
	out := Grain(flat(8, 8, 128), 400, 300, 10, 3)
	require.Equal(t, [2]int{400, 300}, [2]int{out.W, out.H})
	mean, std := offsetStats(out.Pix, 128)
	assert.InDelta(t, 0, mean, 0.2, "zero mean")
	assert.InDelta(t, 10, std, 0.5, "sigma")
}

func TestGrainEnlargesSmoothly(t *testing.T) {
	// A ramp 8 px wide enlarged 50 times without noise: neighbours differ
	// by at most a level or two, where pixel replication stepped by 32
	// every 50 px.
	m := vision.NewRGB(8, 2)
	for i := range m.Pix {
		m.Pix[i] = uint8(32 * ((i / 3) % 8))
	}
	out := Grain(m, 400, 100, 0, 1)
	worst := 0
	for x := 1; x < out.W; x++ {
		worst = max(worst, int(out.Pix[3*x])-int(out.Pix[3*(x-1)]))
	}
	assert.LessOrEqual(t, worst, 2)
	assert.Equal(t, uint8(0), out.Pix[0], "the first source pixel's colour at the left edge")
	assert.Equal(t, uint8(224), out.Pix[3*(out.W-1)], "the last one's at the right edge")
}

// offsetStats returns the mean and the root mean square of pix - centre.
func offsetStats(pix []uint8, centre float64) (mean, rms float64) {
	var sum, sq float64
	for _, v := range pix {
		d := float64(v) - centre
		sum += d
		sq += d * d
	}
	n := float64(len(pix))
	return sum / n, math.Sqrt(sq / n)
}

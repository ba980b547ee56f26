package preflight

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeCodec produces sizes from a known law, with its own γ and β
// (different from the policy's defaults) and a probe bias, so the tests
// see whether the policy learns the content rather than assuming it.
type fakeCodec struct {
	w, h        int
	bpp80       float64 // bits per pixel at quality 80, full scale
	gamma, beta float64
	probeBias   float64 // probe bpp / whole-image bpp
}

func (c fakeCodec) encode(d Decision) Attempt {
	w, h := ScaledSize(c.w, c.h, d.Scale)
	px := float64(w * h)
	bpp := c.bpp80 * math.Pow(quantScale(d.Quality)/quantScale(80), -c.gamma) * math.Pow(d.Scale, 2*c.beta-2)
	a := Attempt{Quality: d.Quality, Scale: d.Scale, Probe: d.Probe}
	if d.Probe {
		g := ProbeLayout(w, h)
		a.Pixels = g.Pixels()
		a.Bytes = int(bpp * c.probeBias * float64(a.Pixels) / 8)
	} else {
		a.Bytes = int(bpp * px / 8)
	}
	return a
}

// runPolicy drives the policy against the codec like Recompress does.
func runPolicy(t *testing.T, p RecompressPolicy, in RecompressInput, c fakeCodec) []Attempt {
	t.Helper()
	var attempts []Attempt
	for range 12 {
		d := p.Next(in, attempts)
		if d.Done {
			return attempts
		}
		if exhausted(p, attempts) {
			break
		}
		attempts = append(attempts, c.encode(d))
	}
	t.Fatalf("policy did not finish: %+v", attempts)
	return nil
}

// kept is the attempt Recompress keeps: Best's.
func kept(t *testing.T, p RecompressPolicy, as []Attempt) Attempt {
	t.Helper()
	best, ok := p.Best(as)
	require.True(t, ok, "nothing fits: %+v", as)
	return best
}

func fullAttempts(as []Attempt) []Attempt {
	var out []Attempt
	for _, a := range as {
		if !a.Probe {
			out = append(out, a)
		}
	}
	return out
}

func TestPolicyMeetsBudgetInTwoEncodes(t *testing.T) {
	p := DefaultRecompressPolicy()
	for _, w := range []int{1200, 2000, 4000, 6000, 9000, 12000} {
		for _, bpp := range []float64{0.4, 1.0, 2.0, 3.5} {
			for _, gamma := range []float64{0.55, 0.75, 0.95} {
				for _, beta := range []float64{0.8, 0.9, 1.0} {
					for _, bias := range []float64{0.93, 1.0, 1.07} {
						h := w * 3 / 4
						c := fakeCodec{w: w, h: h, bpp80: bpp, gamma: gamma, beta: beta, probeBias: bias}
						name := fmt.Sprintf("%dx%d bpp%.1f g%.2f b%.1f bias%.2f", w, h, bpp, gamma, beta, bias)
						t.Run(name, func(t *testing.T) {
							in := RecompressInput{Width: w, Height: h, Bytes: int(float64(w*h) * bpp * 2 / 8), Quality: 92}
							attempts := runPolicy(t, p, in, c)
							full := fullAttempts(attempts)
							last := kept(t, p, attempts)
							assert.LessOrEqual(t, last.Bytes, p.MaxBytes)
							assert.LessOrEqual(t, len(full), 2, "whole-image encodes: %+v", full)
							if last.Scale < 1 {
								assert.GreaterOrEqual(t, last.Quality, p.MinQuality, "downscaled below the quality floor")
							} else if last.Quality < p.MaxQuality {
								// Full size, not at the ceiling: the budget
								// is used, not wasted.
								assert.Greater(t, last.Bytes, int(0.75*float64(p.MaxBytes)), "%+v", full)
							}
						})
					}
				}
			}
		}
	}
}

func TestPolicyDownscalesOnlyBelowTheFloor(t *testing.T) {
	p := DefaultRecompressPolicy()
	tests := []struct {
		name      string
		w, h      int
		bpp       float64
		wantScale bool
	}{
		{"12 MP photo fits at full size", 4000, 3000, 1.0, false},
		{"small PNG-like image fits at full size", 1600, 1200, 4.0, false},
		{"100 MP photo must shrink", 11500, 8700, 1.0, true},
		{"noisy 24 MP must shrink", 6000, 4000, 3.0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := fakeCodec{w: tt.w, h: tt.h, bpp80: tt.bpp, gamma: 0.7, beta: 0.9, probeBias: 1}
			attempts := runPolicy(t, p, RecompressInput{Width: tt.w, Height: tt.h}, c)
			full := fullAttempts(attempts)
			last := kept(t, p, attempts)
			assert.Equal(t, tt.wantScale, last.Scale < 1, "%+v", full)
			assert.GreaterOrEqual(t, last.Quality, p.MinQuality)
			assert.LessOrEqual(t, last.Bytes, p.MaxBytes)
		})
	}
}

func TestPolicyResolutionFloorWinsOverQualityFloor(t *testing.T) {
	p := DefaultRecompressPolicy()
	p.MinScale = 0.5
	c := fakeCodec{w: 12000, h: 9000, bpp80: 3, gamma: 0.7, beta: 0.9, probeBias: 1}
	last := kept(t, p, runPolicy(t, p, RecompressInput{Width: c.w, Height: c.h}, c))
	assert.InDelta(t, 0.5, last.Scale, 0.001)
	assert.Less(t, last.Quality, p.MinQuality, "the budget is met by quality once the scale may not shrink")
	assert.LessOrEqual(t, last.Bytes, p.MaxBytes)
}

func TestPolicyNeverDoneOverBudget(t *testing.T) {
	p := DefaultRecompressPolicy()
	in := RecompressInput{Width: 4000, Height: 3000}
	over := []Attempt{{Quality: 80, Scale: 1, Bytes: p.MaxBytes + 1}}
	d := p.Next(in, over)
	assert.False(t, d.Done)
	assert.True(t, d.Quality < 80 || d.Scale < 1, "the next attempt must be smaller: %+v", d)
	// The model cannot ask to repeat what failed, even when its fit says
	// so (here it sees sizes barely moving with quality).
	stuck := []Attempt{{Quality: 80, Scale: 1, Bytes: p.MaxBytes + 10}, {Quality: 75, Scale: 1, Bytes: p.MaxBytes + 5}}
	d = p.Next(in, stuck)
	assert.False(t, d.Done)
	assert.True(t, d.Quality < 75 || d.Scale < 1, "%+v", d)
}

// TestPolicyKeepsTheFittingEncodeWhenTheTopUpMisses: a second encode
// tried for a higher quality that overshoots leaves the first as the
// answer, with no third encode.
func TestPolicyKeepsTheFittingEncodeWhenTheTopUpMisses(t *testing.T) {
	p := DefaultRecompressPolicy()
	in := RecompressInput{Width: 4000, Height: 3000}
	attempts := []Attempt{{Quality: 84, Scale: 1, Bytes: 1_600_000}, {Quality: 88, Scale: 1, Bytes: p.MaxBytes + 1}}
	d := p.Next(in, attempts)
	assert.True(t, d.Done)
	assert.Equal(t, 84, d.Quality)
	best, ok := p.Best(attempts)
	require.True(t, ok)
	assert.Equal(t, attempts[0], best)
	_, ok = p.Best(attempts[1:])
	assert.False(t, ok)
}

func TestPolicyKeepsAGoodFirstEncode(t *testing.T) {
	p := DefaultRecompressPolicy()
	in := RecompressInput{Width: 2000, Height: 1500}
	tests := []struct {
		name     string
		attempts []Attempt
		done     bool
	}{
		{"near the budget", []Attempt{{Quality: 84, Scale: 1, Bytes: 1_900_000}}, true},
		{"at the ceiling", []Attempt{{Quality: p.MaxQuality, Scale: 1, Bytes: 300_000}}, true},
		{"far below: spend the budget", []Attempt{{Quality: 70, Scale: 1, Bytes: 500_000}}, false},
		{"one quality point would still fit", []Attempt{{Quality: 80, Scale: 1, Bytes: 1_700_000}}, false},
		// 96.3 % of the limit, as a 12 MP text page came out: the point
		// above would fit, but is not worth a whole encode.
		{"within twice the margin", []Attempt{{Quality: 68, Scale: 1, Bytes: 1_926_000}}, true},
		{"just outside twice the margin", []Attempt{{Quality: 68, Scale: 1, Bytes: 1_910_000}}, false},
		{"a probe is never kept", []Attempt{{Quality: 84, Scale: 1, Bytes: 1_900_000, Probe: true, Pixels: 500_000}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.done, p.Next(in, tt.attempts).Done)
		})
	}
}

func TestSizeModelInverts(t *testing.T) {
	in := RecompressInput{Width: 4000, Height: 3000}
	m := fitModel(in, []Attempt{{Quality: 60, Scale: 1, Bytes: 900_000}, {Quality: 90, Scale: 1, Bytes: 2_700_000}})
	require.True(t, m.gammaFitted)
	// bytes(60) = 0.9 MB and bytes(90) = 2.7 MB, less the fixed overhead:
	// γ = ln(ratio) / ln(80/20).
	assert.InDelta(t, math.Log((2_700_000.0-jpegOverhead)/(900_000-jpegOverhead))/math.Log(4), m.gamma, 1e-9)
	for _, q := range []int{10, 40, 55, 70, 85, 95} {
		assert.InDelta(t, float64(q), m.quality(m.bytes(q, 1), 1), 0.01, "q%d", q)
	}
	for _, s := range []float64{0.3, 0.5, 0.9} {
		assert.InDelta(t, s, m.scale(m.bytes(80, s), 80), 1e-6, "scale %v", s)
	}
}

func TestQuantScaleMatchesIJG(t *testing.T) {
	tests := []struct {
		q    int
		want float64
	}{{1, 50}, {25, 2}, {50, 1}, {75, 0.5}, {90, 0.2}, {100, 0.01}}
	for _, tt := range tests {
		assert.InDelta(t, tt.want, quantScale(tt.q), 1e-12, "q%d", tt.q)
		if tt.q < 100 {
			assert.InDelta(t, float64(tt.q), qualityForScale(quantScale(tt.q)), 1e-9)
		}
	}
}

func TestRecompressPolicyValidate(t *testing.T) {
	ok := DefaultRecompressPolicy()
	require.NoError(t, ok.Validate())
	tests := []struct {
		name string
		edit func(*RecompressPolicy)
	}{
		{"tiny budget", func(p *RecompressPolicy) { p.MaxBytes = 100 }},
		{"floor zero", func(p *RecompressPolicy) { p.MinQuality = 0 }},
		{"ceiling under floor", func(p *RecompressPolicy) { p.MaxQuality = p.MinQuality - 1 }},
		{"downscale quality over ceiling", func(p *RecompressPolicy) { p.DownscaleQuality = p.MaxQuality + 1 }},
		{"scale over one", func(p *RecompressPolicy) { p.MinScale = 1.5 }},
		{"scale NaN", func(p *RecompressPolicy) { p.MinScale = math.NaN() }},
		{"margin half", func(p *RecompressPolicy) { p.Margin = 0.5 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ok
			tt.edit(&p)
			assert.ErrorIs(t, p.Validate(), ErrInvalidOption)
		})
	}
}

// TestQualityFloorClearsThe827Limits ties the policy's floor to the 827
// thresholds: a floor under the warning would make Recompress produce
// photos that the check flags.
func TestQualityFloorClearsThe827Limits(t *testing.T) {
	for _, d := range []Device{Desktop, IOS, Android} {
		lim := DeviceThresholds(d)
		assert.GreaterOrEqual(t, float64(DefaultMinQuality), lim.WarnJPEGQuality+10, "%v", d)
		assert.Greater(t, float64(DefaultMinQuality), lim.MinJPEGQuality, "%v", d)
	}
}

package preflight

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// verifyScene renders a w×h wood-desk photo of an ID-1 card filling frac
// of the width, with a face on it when face is set, and grain sigma.
func verifyScene(t testing.TB, w, h int, frac float64, face bool, sigma float64) *vision.RGB {
	t.Helper()
	doc := synth.NewDocument(synth.ID1, 5)
	if face {
		doc = portraitDoc(t, synth.ID1, graceHopper(t))
	}
	s := synth.NewScene(w, h, synth.Wood, int64(w))
	q := synth.Pose{Center: vision.Point{X: float64(w) / 2, Y: float64(h) / 2}, Width: frac * float64(w), Roll: 4, TiltX: 5}.Quad(doc.Aspect())
	require.NoError(t, s.Place(doc, q, 0.3))
	if sigma == 0 {
		return s.Img
	}
	return synth.Noise(s.Img, sigma, int64(h))
}

// qualityVerdict is what a report says of the codes Info.Checks reports.
func qualityVerdict(rep *Report) map[Code]bool {
	v := map[Code]bool{}
	for _, c := range verifiedCodes() {
		v[c] = !rep.Failed(c)
	}
	return v
}

// TestQualityOnlyMatchesFullCheck runs the restricted check and the full
// one on photos that pass and photos that fail each of 818, 826 and 827:
// the verdicts on those codes agree, and the stages left out (portrait,
// glare, exposure) did not run.
func TestQualityOnlyMatchesFullCheck(t *testing.T) {
	card := verifyScene(t, 1600, 1200, 0.7, true, 2)
	cases := []struct {
		name string
		img  *vision.RGB
		q    int
		fail Code // the code the photo fails (0: none)
	}{
		{"clean card with face", card, 92, 0},
		{"blurred card", synth.GaussianBlur(card, 6), 92, CodeBlurry},
		{"hard-compressed card", card, 12, CodeCompressed},
		{"card too noisy", verifyScene(t, 1600, 1200, 0.7, false, 28), 95, CodeLivenessQuality},
		{"no document", synth.GradientPhoto(800, 600), 90, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := encodeTest(t, c.img, c.q)
			full, err := Check(context.Background(), data)
			require.NoError(t, err)
			part, err := Check(context.Background(), data, withQualityOnly())
			require.NoError(t, err)

			assert.Equal(t, qualityVerdict(full), qualityVerdict(part))
			if c.fail != 0 {
				assert.True(t, part.Failed(c.fail), "the case is meant to fail %d: %v", c.fail, part.Codes())
			}
			for _, stage := range []string{"portrait", "glare", "exposure"} {
				assert.NotContains(t, part.TimingsMS, stage)
			}
		})
	}
}

// TestRecompressChecksMatchCheck is the promise of Info.Checks over the
// synthetic set (sizes, contents, the DCT and the pixel paths, in both
// builds): each reported code is what Check says of the output bytes.
func TestRecompressChecksMatchCheck(t *testing.T) {
	cases := []struct {
		name string
		data func(t *testing.T) []byte
		opts []RecompressOption
	}{
		{"12MP card with face jpeg", func(t *testing.T) []byte { return encodeTest(t, verifyScene(t, 4000, 3000, 0.6, true, 3), 97) }, nil},
		{"12MP text jpeg", func(t *testing.T) []byte {
			return recompressCase{content: contentText, w: 4000, h: 3000, format: "jpeg95"}.input(t)
		}, nil},
		{"12MP blurred card jpeg", func(t *testing.T) []byte {
			return encodeTest(t, synth.Noise(synth.GaussianBlur(verifyScene(t, 4000, 3000, 0.5, false, 0), 6), 1, 1), 100)
		}, nil},
		{"5MP noisy png", func(t *testing.T) []byte {
			return recompressCase{content: contentNoisy, w: 2592, h: 1944, format: "png"}.input(t)
		}, nil},
		{"16MP noisy jpeg", func(t *testing.T) []byte {
			return recompressCase{content: contentNoisy, w: 4608, h: 3456, format: "jpeg95"}.input(t)
		}, nil},
		// A tighter budget makes the same photo a downscale in the DCT
		// domain whose output is still decoded reduced.
		{"16MP noisy jpeg under 1.2 MB", func(t *testing.T) []byte {
			return recompressCase{content: contentNoisy, w: 4608, h: 3456, format: "jpeg95"}.input(t)
		}, []RecompressOption{MaxBytes(1_200_000)}},
		// The output's document outline and pixels come from an EXIF
		// turn the DCT path makes upright (or the pixel path, where its
		// edge MCUs do not allow it).
		{"12MP card with face jpeg, EXIF orientation 6", func(t *testing.T) []byte {
			return withOrientation(encodeTest(t, verifyScene(t, 4000, 3000, 0.55, true, 2), 96), 6)
		}, nil},
		// A small card under a tight budget: a downscale, whose output
		// the resolution floor (818) judges on a smaller document.
		{"12MP small card jpeg under 500 KB", func(t *testing.T) []byte {
			return encodeTest(t, verifyScene(t, 4000, 3000, 0.22, false, 2), 97)
		}, []RecompressOption{MaxBytes(500_000)}},
		// Near the sharpness threshold, where a different outline or
		// other pixels than Check's would show first (826).
		{"12MP softly blurred card jpeg", func(t *testing.T) []byte {
			return encodeTest(t, synth.GaussianBlur(verifyScene(t, 4000, 3000, 0.5, true, 1), 2.5), 98)
		}, nil},
		{"24MP grainy card jpeg", func(t *testing.T) []byte {
			return encodeTest(t, verifyScene(t, 6000, 4000, 0.45, false, 4), 95)
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := c.data(t)
			require.Greater(t, len(data), DefaultMaxBytes, "the input must need recompressing")
			out, info, err := Recompress(data, c.opts...)
			require.NoError(t, err)
			rep, err := Check(context.Background(), out)
			require.NoError(t, err)
			assert.Equal(t, qualityVerdict(rep), info.Checks, fmt.Sprintf("%s: %v", info.Action, rep.Codes()))
			t.Logf("%s at scale %.3f, quality %d: %v", info.Action, info.Scale, info.Quality, info.Checks)
		})
	}
}

// FuzzQualityOnly: on any input, the check Recompress runs on its output
// (the quality stages, large JPEGs decoded reduced) fails as the full
// Check does, with a sentinel error, and otherwise gives the full check's
// verdict on 818, 826 and 827. Fuzzed inputs stay under fuzzMaxPixels,
// far below the reduced decode's size, so the verdicts must be equal.
func FuzzQualityOnly(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		full, errFull := Check(context.Background(), data, WithMaxPixels(fuzzMaxPixels))
		part, err := Check(context.Background(), data, WithMaxPixels(fuzzMaxPixels), withQualityOnly())
		if (err == nil) != (errFull == nil) {
			t.Fatalf("full check error %v, quality-only error %v", errFull, err)
		}
		if err != nil {
			if !wrapsSentinel(err) {
				t.Fatalf("error without a sentinel: %v", err)
			}
			return
		}
		if a, b := qualityVerdict(full), qualityVerdict(part); fmt.Sprint(a) != fmt.Sprint(b) {
			t.Fatalf("full check %v, quality-only %v", a, b)
		}
	})
}

package preflight

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sceneCoefs is the coefficients of a w×h verifyScene card photo with
// grain sigma, saved at quality 95.
func sceneCoefs(t *testing.T, w, h int, sigma float64) *coefImage {
	t.Helper()
	c, err := decodeCoefs(encodeTest(t, verifyScene(t, w, h, 0.6, false, sigma), 95), DefaultMaxPixels)
	require.NoError(t, err)
	return c
}

// requantisedTo is c written with the tables of quality q, and those
// tables.
func requantisedTo(t *testing.T, c *coefImage, q int) ([]byte, [4]*[64]uint16) {
	t.Helper()
	tables, err := c.tablesAt(qualityMille(q))
	require.NoError(t, err)
	enc, _ := c.encode(tables, c.count(tables), nil)
	return enc, tables
}

// TestRequantisedCornerIsTheOutputsDecode: the planes checkOutput reads
// from the coefficients in memory are the ones the reduced decode of the
// written bytes gives, bit for bit, at every scale and at qualities that
// zero many blocks' AC coefficients (the DC-only shortcut must be taken
// exactly where the decoder takes it).
func TestRequantisedPlanesAreTheOutputsDecode(t *testing.T) {
	in := sceneCoefs(t, 800, 600, 4)
	for _, q := range []int{90, 60, 20} {
		enc, tables := requantisedTo(t, in, q)
		written, err := decodeCoefs(enc, DefaultMaxPixels)
		require.NoError(t, err)
		for _, m := range []int{1, 2, 4, 8} {
			t.Run(fmt.Sprintf("q%d m%d", q, m), func(t *testing.T) {
				want, err := written.scaledPlanes(m)
				require.NoError(t, err)
				got, err := in.requantisedPlanes(tables, m)
				require.NoError(t, err)
				assert.Equal(t, want.Rect, got.Rect)
				assert.True(t, string(want.Y) == string(got.Y), "luma differs")
				assert.True(t, string(want.Cb) == string(got.Cb) && string(want.Cr) == string(got.Cr), "chroma differs")
			})
		}
	}
}

// TestCheckOutputMatchesCheck: the report checkOutput makes from the
// coefficients is Check's of the written bytes, for an output Check
// decodes reduced (at 1/4 with 827's full-resolution crop) and for one
// it decodes whole (which checkOutput hands
// to Check), again with the coefficients spent by the first check
// (outputCoefs.spend: only the luma the crop reads is kept), and without
// coefficients.
func TestCheckOutputMatchesCheck(t *testing.T) {
	cases := []struct {
		name string
		w, h int
		// crop: the pure engine measures the blockiness on the
		// full-resolution crop (a decode at 1/4 alone leaves it at 1, as
		// gocv's libjpeg-turbo decode does).
		crop bool
	}{
		{"reduced decode", 4200, 2800, false},
		{"quarter decode with the grid crop", 8000, 4000, true},
		{"whole decode", 1600, 1200, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := sceneCoefs(t, c.w, c.h, 2)
			enc, tables := requantisedTo(t, in, 70)
			want, err := Check(context.Background(), enc, withQualityOnly())
			require.NoError(t, err)
			if c.crop && want.Engine == pureEngineName {
				assert.NotEqual(t, 1.0, want.Metrics["blockiness"], "measured on the crop")
			}
			oc := &outputCoefs{img: in, tables: tables}
			reduces := jpegReduction(c.w, c.h) > 1 && want.Engine == pureEngineName
			// An engine that decodes the bytes itself (gocv) has the
			// coefficients released before its check (outputCoefs.release).
			// The browser build's checkOutput never reads them
			// (recompress_verify_js.go), so nothing spends them there.
			spent := (reduces || want.Engine != pureEngineName) && runtime.GOOS != "js"
			// The second call finds oc spent by the first (when that one
			// read it) and hands the bytes to Check.
			for i, written := range []coefDecode{oc.reducedImage, oc.reducedImage, nil} {
				got, err := checkOutput(enc, written, []Option{withQualityOnly()})
				require.NoError(t, err)
				assert.Equal(t, want.Codes(), got.Codes())
				assert.Equal(t, want.Metrics, got.Metrics)
				if i == 0 {
					assert.Equal(t, spent, oc.img == nil, "spent once its planes are made, or released for a check of the bytes")
				}
			}
		})
	}
}

// TestCornerReadsTheMask: at the scales blockRows has no path of its own
// for, the generic path with requantizer.corner (which requantises only
// the coefficients the block's mask marks) gives the pixels of the plain
// corner (every frequency requantised, every coefficient tested).
func TestCornerReadsTheMask(t *testing.T) {
	for _, m := range []int{3, 5, 6, 7, 8} {
		t.Run(fmt.Sprintf("%d/8", m), func(t *testing.T) { testRowsAreBlockRows(t, m) })
	}
}

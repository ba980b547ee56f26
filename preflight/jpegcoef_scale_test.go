package preflight

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScaledCoefsAreThePlanesTransformed(t *testing.T) {
	tests := []struct {
		name string
		w, h int
		c    content
	}{
		// Heights that end a band early, mid-MCU and on a band's edge,
		// widths with partial blocks at most scales.
		{"scene, one partial band", 333, 101, contentScene},
		{"noisy, three bands and a bit", 250, 3*scaleBandPixels + 37, contentNoisy},
		{"text, bands exactly", 160, 2 * scaleBandPixels, contentText},
	}
	for _, tt := range tests {
		data := encodeTest(t, photo(t, tt.c, tt.w, tt.h, 3), 93)
		c, err := decodeCoefs(data, DefaultMaxPixels)
		require.NoError(t, err)
		for m := 1; m <= 8; m++ {
			planes, err := c.scaledPlanes(m)
			require.NoError(t, err)
			want, err := coefsFromPlanes(uprightPlanes(planes, 1, planes.Rect.Dx(), planes.Rect.Dy()))
			require.NoError(t, err)
			for _, overwrite := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s at %d/8, overwrite %v", tt.name, m, overwrite), func(t *testing.T) {
					in := c
					if overwrite {
						// A copy of its own, the output written over it.
						in, err = decodeCoefs(data, DefaultMaxPixels)
						require.NoError(t, err)
					}
					got, ok, err := in.scaledCoefs(m, overwrite)
					require.NoError(t, err)
					require.True(t, ok)
					assert.Equal(t, want.scan.width, got.scan.width)
					assert.Equal(t, want.scan.height, got.scan.height)
					assert.Equal(t, want.quant, got.quant)
					require.Len(t, got.comps, 3)
					for i := range want.comps {
						assert.Equal(t, want.comps[i].end, got.comps[i].end, "component %d ends", i)
						assert.Equal(t, want.comps[i].nz, got.comps[i].nz, "component %d masks", i)
						assert.Equal(t, denseCoefs(&want.comps[i]), denseCoefs(&got.comps[i]), "component %d coefficients", i)
						requireStoreMatches(t, &got.comps[i], "scaled")
					}
					assert.Equal(t, overwrite, in.comps == nil, "the overwritten input is spent")
				})
			}
		}
	}
}

func TestScaledCoefsLeavesOtherLayouts(t *testing.T) {
	rgb := photo(t, contentScene, 96, 64, 1)
	grey := image.NewGray(image.Rect(0, 0, rgb.W, rgb.H))
	for i := range grey.Pix {
		grey.Pix[i] = rgb.Pix[3*i+1]
	}
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, grey, &jpeg.Options{Quality: 90}))
	c, err := decodeCoefs(buf.Bytes(), DefaultMaxPixels)
	require.NoError(t, err)
	_, ok, err := c.scaledCoefs(4, false)
	assert.NoError(t, err)
	assert.False(t, ok, "a grey JPEG goes through scaledPlanes")
}

// BenchmarkScaledCoefs12MP: the 7/8 downscale's transform of a 12 MP
// photo, band by band (the 7-point IDCT, the FDCT and the quantisation),
// the path a 100 MP photo takes to get under the budget.
func BenchmarkScaledCoefs12MP(b *testing.B) {
	c, err := decodeCoefs(encodeTest(b, photo(b, contentScene, 4000, 3000, 1), 95), DefaultMaxPixels)
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if _, ok, err := c.scaledCoefs(7, false); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}

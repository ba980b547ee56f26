package preflight

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

func TestProbeLayout(t *testing.T) {
	for _, size := range [][2]int{{4000, 3000}, {3000, 4000}, {12000, 8400}, {8000, 6000}, {1700, 1300}, {40, 30}, {7, 5}} {
		w, h := size[0], size[1]
		g := ProbeLayout(w, h)
		require.Len(t, g.Tiles, g.Cols*g.Rows, "size %v", size)
		assert.LessOrEqual(t, g.Pixels(), max(w*h/probeFraction, g.TileW*g.TileH), "size %v", size)
		if w*h >= probeMinPixels {
			assert.GreaterOrEqual(t, len(g.Tiles), probeMinBands, "size %v: places sampled", size)
			assert.GreaterOrEqual(t, g.Pixels(), min(w*h/probeFraction, probeMaxPixels)*8/10, "size %v: sample size", size)
		}
		for i, p := range g.Tiles {
			if w >= 16 && h >= 16 {
				assert.Zero(t, p.X%16, "bands on the MCU grid")
				assert.Zero(t, p.Y%16)
			}
			assert.Equal(t, (i%g.Cols)*g.TileW, p.X, "a band keeps its column")
			assert.LessOrEqual(t, p.X+g.TileW, w)
			assert.LessOrEqual(t, p.Y+g.TileH, h)
			if i > 0 {
				assert.GreaterOrEqual(t, p.Y, g.Tiles[i-1].Y, "bands go down the image")
			}
		}
		if len(g.Tiles) >= 8 {
			assert.Less(t, g.Tiles[0].Y, h/4, "size %v: the sample starts near the top", size)
			assert.Greater(t, g.Tiles[len(g.Tiles)-1].Y, h*3/4-g.TileH, "size %v: and ends near the bottom", size)
		}
	}
}

func TestProbeMosaicCopiesTheBands(t *testing.T) {
	img := vision.NewRGB(3000, 2000)
	for i := range img.Pix {
		img.Pix[i] = uint8(i % 251)
	}
	g := ProbeLayout(img.W, img.H)
	m := probeMosaic(img, g)
	require.Equal(t, g.Pixels(), m.Rect.Dx()*m.Rect.Dy())
	for _, i := range []int{0, len(g.Tiles) / 2, len(g.Tiles) - 1} {
		p := g.Tiles[i]
		ox, oy := (i%g.Cols)*g.TileW, (i/g.Cols)*g.TileH
		for _, d := range [][2]int{{0, 0}, {g.TileW - 1, g.TileH - 1}, {5, 7}} {
			src := 3 * ((p.Y+d[1])*img.W + p.X + d[0])
			dst := m.PixOffset(ox+d[0], oy+d[1])
			assert.Equal(t, img.Pix[src:src+3], m.Pix[dst:dst+3], "band %d offset %v", i, d)
		}
	}
}

// TestProbePredictsTheWholeEncode is the point of the probe: its bits
// per pixel, scaled to the whole image, are the whole encode's within a
// few percent. Every band encodes exactly as in the whole image, so the
// error is sampling error only; it is largest on the small synthetic desk
// scene, whose few large shapes make rows differ a lot (9.5 % measured).
func TestProbePredictsTheWholeEncode(t *testing.T) {
	tests := []struct {
		name string
		img  *vision.RGB
		tol  float64
	}{
		{"desk photo", photo(t, contentScene, 2400, 1600, 1), 0.12},
		{"noisy photo", photo(t, contentNoisy, 2400, 1600, 2), 0.05},
		{"text page", photo(t, contentText, 2400, 1600, 3), 0.05},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := encodeTest(t, tt.img, 95)
			src, err := decodeForRecompress(data, DefaultMaxPixels)
			require.NoError(t, err)
			for _, q := range []int{60, 75, 90} {
				_, whole, err := src.encode(StdEncoder{}, Decision{Quality: q, Scale: 1})
				require.NoError(t, err)
				_, probe, err := src.encode(StdEncoder{}, Decision{Quality: q, Scale: 1, Probe: true})
				require.NoError(t, err)
				px := float64(tt.img.W * tt.img.H)
				predicted := jpegOverhead + float64(probe.Bytes-jpegOverhead)*px/float64(probe.Pixels)
				assert.InEpsilon(t, float64(whole.Bytes), predicted, tt.tol, "quality %d", q)
			}
		})
	}
}

func TestProbeMosaicPlanesMatchesRGB(t *testing.T) {
	img := photo(t, contentScene, 1200, 800, 3)
	data := encodeTest(t, img, 95)
	m, err := jpeg.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	g := ProbeLayout(1200, 800)
	planes := probeMosaicPlanes(uprightPlanes(m.(*image.YCbCr), 1, 1200, 800), g)
	rgb := probeMosaic(vision.FromImage(m), g)
	require.Equal(t, rgb.Rect, planes.Rect)
	// The same pixels, but for the rounding of the colour conversion.
	assert.InDelta(t, 0, meanAbsDiff(vision.FromImage(planes), vision.FromImage(rgb)), 1)
}

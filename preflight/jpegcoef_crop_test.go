package preflight

import (
	"image"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// TestLumaCrop: the crop is the full decode's luma over the rectangle
// (clipped to the frame, block-aligned or not), and with new tables it is
// the decode of the requantised file's luma.
func TestLumaCrop(t *testing.T) {
	c := sceneCoefs(t, 640, 480, 4)
	enc, tables := requantisedTo(t, c, 40)
	written, err := decodeCoefs(enc, DefaultMaxPixels)
	require.NoError(t, err)
	cases := []struct {
		name string
		r    image.Rectangle
	}{
		{"aligned", image.Rect(64, 64, 320, 256)},
		{"unaligned", image.Rect(13, 7, 301, 250)},
		{"past the frame", image.Rect(600, 400, 700, 520)},
	}
	for _, cs := range cases {
		t.Run(cs.name, func(t *testing.T) {
			for _, v := range []struct {
				name string
				src  *coefImage
				got  *vision.Gray
			}{
				{"as stored", c, c.lumaCrop(cs.r, nil)},
				{"requantised", written, c.lumaCrop(cs.r, tables[c.comps[0].tq])},
			} {
				full, err := v.src.scaledPlanes(8)
				require.NoError(t, err)
				r := cs.r.Intersect(full.Rect)
				require.NotNil(t, v.got, v.name)
				require.Equal(t, [2]int{r.Dx(), r.Dy()}, [2]int{v.got.W, v.got.H}, v.name)
				for y := range v.got.H {
					want := full.Y[(r.Min.Y+y)*full.YStride+r.Min.X:][:r.Dx()]
					require.Equal(t, want, v.got.Pix[y*v.got.W:(y+1)*v.got.W], "%s row %d", v.name, y)
				}
			}
		})
	}
	assert.Nil(t, c.lumaCrop(image.Rect(700, 500, 800, 600), nil), "outside the frame")
}

// TestBlockinessAfterQuarterDecode: a photo decoded at 1/4 shows no block
// grid, so 827's blockiness went unmeasured (1) there; with the decoder's
// full-resolution crop it reads a card compressed hard and saved again
// at quality 95 as blocky, and a clean one as not.
func TestBlockinessAfterQuarterDecode(t *testing.T) {
	scene := verifyScene(t, 2048, 1536, 0.6, false, 0)
	// verifyScene's outline.
	q := synth.Pose{Center: vision.Point{X: 1024, Y: 768}, Width: 0.6 * 2048, Roll: 4, TiltX: 5}.Quad(synth.NewDocument(synth.ID1, 5).Aspect())
	lim := DefaultThresholds()
	cases := []struct {
		name  string
		first int // quality of the first, hard compression (0: none)
		fail  bool
	}{
		{"clean", 0, false},
		{"compressed hard then saved at 95", 8, true},
	}
	for _, cs := range cases {
		t.Run(cs.name, func(t *testing.T) {
			img := scene
			if cs.first > 0 {
				m, err := safeDecode(encodeTest(t, scene, cs.first))
				require.NoError(t, err)
				img = vision.FromImage(m)
			}
			c, err := decodeCoefs(encodeTest(t, img, 95), DefaultMaxPixels)
			require.NoError(t, err)
			planes, err := c.scaledPlanes(2)
			require.NoError(t, err)
			for _, withCrop := range []bool{false, true} {
				d := &decoded{rgb: vision.FromImage(planes), format: "jpeg", width: 2048, height: 1536, orientation: 1,
					jpeg: &jpegFacts{quant: c.quant}}
				if withCrop {
					d.lumaCrop = c.gridCrop(4, 1, nil)
				}
				rep := &Report{Width: 2048, Height: 1536, Metrics: map[string]float64{}}
				checkCompression(rep, d, cropSource(d.rgb, d.scale(), q), lim)
				if !withCrop {
					assert.Equal(t, 1.0, rep.Metrics["blockiness"], "unmeasured without the crop")
					continue
				}
				assert.Equal(t, cs.fail, rep.Failed(CodeCompressed), "blockiness %.2f", rep.Metrics["blockiness"])
			}
		})
	}
}

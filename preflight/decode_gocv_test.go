//go:build cgo && gocv

package preflight

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// largePattern is a w×h image with smooth gradients and a few hard
// edges, cheap to make at camera sizes.
func largePattern(w, h int) *vision.RGB {
	m := vision.NewRGB(w, h)
	for y := range h {
		for x := range w {
			i := 3 * (y*w + x)
			m.Pix[i] = uint8(x * 255 / w)
			m.Pix[i+1] = uint8(y * 255 / h)
			if (x/256+y/256)%2 == 0 {
				m.Pix[i+2] = 200
			}
		}
	}
	return m
}

func TestGocvReducedDecode(t *testing.T) {
	src := largePattern(4096, 2048)
	jpg, err := synth.EncodeJPEG(src, 90)
	require.NoError(t, err)
	half, err := synth.Downscale(src, 0.5)
	require.NoError(t, err)
	cases := []struct {
		name          string
		orientation   int
		width, height int // photo size after orientation
		want          *vision.RGB
	}{
		{"upright", 1, 4096, 2048, half},
		{"rotated 90° clockwise", 6, 2048, 4096, vision.Orient(half, 6)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := decodeBytes(withOrientation(jpg, tc.orientation), DefaultMaxPixels, gocvEngine{})
			require.NoError(t, err)
			assert.Equal(t, [2]int{tc.width, tc.height}, [2]int{d.width, d.height})
			assert.Equal(t, [2]int{tc.want.W, tc.want.H}, [2]int{d.rgb.W, d.rgb.H}, "decoded at half size")
			assert.InDelta(t, 2, d.scale(), 1e-9)
			assert.Less(t, meanAbsDiff(d.rgb, tc.want), 3.0)
		})
	}
	_, err = decodeBytes(jpg[:len(jpg)/2], DefaultMaxPixels, gocvEngine{})
	require.ErrorIs(t, err, ErrCorrupt)
}

// TestGocvReducedCheckReportsPhotoPixels checks that a reduced decode is
// invisible in the report: sizes and quads are in the photo's pixels.
func TestGocvReducedCheckReportsPhotoPixels(t *testing.T) {
	jpg, err := synth.EncodeJPEG(largePattern(4096, 2048), 85)
	require.NoError(t, err)
	q := Quad{{X: 1000, Y: 500}, {X: 3000, Y: 500}, {X: 3000, Y: 1761}, {X: 1000, Y: 1761}}
	rep, err := Check(t.Context(), jpg, WithDocumentQuads(q))
	require.NoError(t, err)
	assert.Equal(t, [2]int{4096, 2048}, [2]int{rep.Width, rep.Height})
	require.NotNil(t, rep.Document)
	assert.Equal(t, q, rep.Document.Quads[0])
	assert.InDelta(t, float64(2000*1261)/(4096*2048), rep.Document.AreaFraction, 1e-6)
}

// TestGocvReducedDecodeSeesTheBlockGrid: a photo compressed hard, decoded
// and saved again at a high quality shows its 8×8 blocks (827) to both
// engines, though the gocv engine decodes it at half size (4 px blocks);
// a photo saved once at a good quality shows none to either.
func TestGocvReducedDecodeSeesTheBlockGrid(t *testing.T) {
	doc := synth.NewDocument(synth.ID1, 3)
	s := synth.NewScene(4000, 2400, synth.Wood, 3)
	pose := synth.Pose{Center: vision.Point{X: 2000, Y: 1200}, Width: 2400, Roll: 3}
	require.NoError(t, s.Place(doc, pose.Quad(doc.Kind.Aspect()), 0.4))
	photo := synth.Noise(s.Img, 4, 3)
	hard, err := synth.EncodeJPEG(photo, 15)
	require.NoError(t, err)
	decoded, err := decodeBytes(hard, DefaultMaxPixels, goEngine{})
	require.NoError(t, err)
	resaved, err := synth.EncodeJPEG(decoded.rgb, 95)
	require.NoError(t, err)
	clean, err := synth.EncodeJPEG(photo, 92)
	require.NoError(t, err)
	q := quadFromVision(s.Quads[0])
	tests := []struct {
		name    string
		data    []byte
		want827 bool
	}{
		{"photo compressed at q15 saved again at q95", resaved, true},
		{"photo saved once at q92", clean, false},
	}
	for _, tt := range tests {
		for _, eng := range engineNames() {
			t.Run(tt.name+"/"+eng, func(t *testing.T) {
				rep, err := Check(t.Context(), tt.data, WithEngine(eng), WithDocumentQuads(q))
				require.NoError(t, err)
				assert.Equal(t, tt.want827, rep.Failed(CodeCompressed), "blockiness %.3f", rep.Metrics["blockiness"])
			})
		}
	}
}

// The upright JPEG path decodes into RGB directly; it must give the
// pixels of the BGR Mat path it replaces, at every reduction, and leave
// CMYK files to OpenCV.
func TestDecodeJPEGRGBMatchesMat(t *testing.T) {
	_, colour, grey := libjpegPhotos(t)
	photos := []struct {
		name string
		data []byte
		ok   bool
	}{
		{"colour 4:2:0", colour, true},
		{"grey", grey, true},
		{"cmyk", readFixture(t, "inputs/cmyk.jpg"), false},
	}
	for _, p := range photos {
		for _, denom := range []int{1, 2, 4, 8} {
			t.Run(p.name+"/1:"+string(rune('0'+denom)), func(t *testing.T) {
				got, ok, err := decodeJPEGRGB(p.data, denom)
				require.NoError(t, err)
				require.Equal(t, p.ok, ok)
				if !ok {
					return
				}
				m, err := decodeJPEGMat(p.data, denom)
				require.NoError(t, err)
				defer m.Close()
				want, err := matToRGB(m)
				require.NoError(t, err)
				assert.Equal(t, [2]int{want.W, want.H}, [2]int{got.W, got.H})
				assert.Equal(t, want.Pix, got.Pix, "pixels differ from the Mat path's")
			})
		}
	}
	for _, bad := range [][]byte{nil, []byte("GIF89a not a jpeg"), colour[:200]} {
		_, _, err := decodeJPEGRGB(bad, 2)
		assert.ErrorIs(t, err, errLibjpeg)
	}
}

// BenchmarkGocvJPEGDecode12MP is the 1/2 decode of the bench photo
// through the BGR Mat and matToRGB, and straight into RGB.
func BenchmarkGocvJPEGDecode12MP(b *testing.B) {
	data := benchPhoto(b)
	for _, bc := range []struct {
		name   string
		decode func() (*vision.RGB, error)
	}{
		{"mat", func() (*vision.RGB, error) {
			m, err := decodeJPEGMat(data, 2)
			if err != nil {
				return nil, err
			}
			defer m.Close()
			return matToRGB(m)
		}},
		{"rgb", func() (*vision.RGB, error) {
			img, _, err := decodeJPEGRGB(data, 2)
			return img, err
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			cpu0, cpuOK := processCPU()
			for b.Loop() {
				if _, err := bc.decode(); err != nil {
					b.Fatal(err)
				}
			}
			if cpu1, ok := processCPU(); ok && cpuOK {
				b.ReportMetric(float64((cpu1-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms")
			}
		})
	}
}

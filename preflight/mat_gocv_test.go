//go:build cgo && gocv

package preflight

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gocv.io/x/gocv"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// bgrMat returns img as an owned BGR Mat, as IMDecode would give it.
func bgrMat(t *testing.T, img *vision.RGB) gocv.Mat {
	t.Helper()
	wrapped, err := rgbMat(img)
	require.NoError(t, err)
	defer wrapped.Close()
	out := gocv.NewMat()
	gocv.CvtColor(wrapped, &out, gocv.ColorBGRToRGB) // the same swap
	return out
}

func TestOrientMatMatchesVisionOrient(t *testing.T) {
	img := conformanceScene(t, 7, 5) // odd sizes catch off-by-one transposes
	for o := 0; o <= 9; o++ {
		t.Run(strconv.Itoa(o), func(t *testing.T) {
			m := bgrMat(t, img)
			defer m.Close()
			orientMat(&m, o)
			got, err := matToRGB(m)
			require.NoError(t, err)
			assert.Equal(t, vision.Orient(img, o), got)
		})
	}
}

func TestMatToRGB(t *testing.T) {
	cases := []struct {
		name string
		typ  gocv.MatType
		px   []float64 // one pixel, in the Mat's channel order
		want [3]uint8
	}{
		{"grey", gocv.MatTypeCV8UC1, []float64{77}, [3]uint8{77, 77, 77}},
		{"bgr", gocv.MatTypeCV8UC3, []float64{10, 20, 30}, [3]uint8{30, 20, 10}},
		{"bgra opaque", gocv.MatTypeCV8UC4, []float64{10, 20, 30, 255}, [3]uint8{30, 20, 10}},
		{"bgra transparent is white", gocv.MatTypeCV8UC4, []float64{10, 20, 30, 0}, [3]uint8{255, 255, 255}},
		{"bgra half over white", gocv.MatTypeCV8UC4, []float64{0, 0, 200, 128}, [3]uint8{227, 127, 127}},
		{"16-bit bgr", gocv.MatTypeCV16UC3, []float64{257 * 10, 257 * 20, 65535}, [3]uint8{255, 20, 10}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := gocv.NewMatWithSize(1, 1, tc.typ)
			defer m.Close()
			for c, v := range tc.px {
				if tc.typ == gocv.MatTypeCV16UC3 {
					m.SetShortAt(0, c, int16(uint16(v)))
				} else {
					m.SetUCharAt(0, c, uint8(v))
				}
			}
			got, err := matToRGB(m)
			require.NoError(t, err)
			assert.Equal(t, tc.want[:], got.Pix)
		})
	}
}

func TestCentreShiftIdentity(t *testing.T) {
	id := vision.Homography{1, 0, 0, 0, 1, 0, 0, 0, 1}
	assert.InDeltaSlice(t, id[:], func() []float64 { c := centreShift(id); return c[:] }(), 1e-12)
	// A pure scale by 2 maps OpenCV pixel centre 0 to 0.5 in continuous
	// coordinates, i.e. 2·0.5 = 1 → input pixel centre 0.5.
	s := centreShift(vision.Homography{2, 0, 0, 0, 2, 0, 0, 0, 1})
	p := s.Apply(vision.Point{})
	assert.InDelta(t, 0.5, p.X, 1e-12)
	assert.InDelta(t, 0.5, p.Y, 1e-12)
}

func TestReducedFlag(t *testing.T) {
	cases := []struct {
		w, h int
		want gocv.IMReadFlag
	}{
		{1920, 1080, gocv.IMReadColor},
		{3999, 3000, gocv.IMReadColor},
		{4000, 3000, gocv.IMReadReducedColor2},
		{3000, 8000, gocv.IMReadReducedColor4},
		{16000, 9000, gocv.IMReadReducedColor8},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, reducedFlag(tc.w, tc.h), "%dx%d", tc.w, tc.h)
	}
}

func TestJPEGComplete(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want bool
	}{
		{"complete", []byte{0xFF, 0xD8, 0xFF, 0xDA, 1, 2, 0xFF, 0x00, 0xFF, 0xD9}, true},
		{"trailing bytes after EOI", []byte{0xFF, 0xD8, 0xFF, 0xDA, 1, 0xFF, 0xD9, 0, 0}, true},
		{"cut in the scan", []byte{0xFF, 0xD8, 0xFF, 0xDA, 1, 2, 0xFF, 0x00}, false},
		{"EOI only before the scan", []byte{0xFF, 0xD8, 0xFF, 0xD9, 0xFF, 0xDA, 1}, false},
		{"no scan", []byte{0xFF, 0xD8, 0xFF, 0xD9}, false},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, jpegComplete(tc.data), tc.name)
	}
}

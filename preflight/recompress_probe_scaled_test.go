package preflight

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/jpeg"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

func TestStoredRectInvertsOrient(t *testing.T) {
	// A stored 7×5 image whose pixel value is its index: the stored rect
	// of an upright rect must hold exactly the values the upright image
	// shows there.
	stored := vision.NewRGB(7, 5)
	for i := range 35 {
		stored.Pix[3*i] = uint8(i)
	}
	for o := 1; o <= 8; o++ {
		up := vision.Orient(stored, o)
		r := image.Rect(1, 2, 3, 4) // inside both 7×5 and 5×7
		values := func(m *vision.RGB, r image.Rectangle) map[uint8]bool {
			set := map[uint8]bool{}
			for y := r.Min.Y; y < r.Max.Y; y++ {
				for x := r.Min.X; x < r.Max.X; x++ {
					set[m.Pix[3*(y*m.W+x)]] = true
				}
			}
			return set
		}
		assert.Equal(t, values(up, r), values(stored, storedRect(r, o, up.W, up.H)), "orientation %d", o)
	}
}

// TestScaledProbeMatchesTheWholeResize: the mosaic made band by band is
// the one cut from the whole downscaled image, up to the sub-pixel shift
// of each band's crop.
func TestScaledProbeMatchesTheWholeResize(t *testing.T) {
	img := photo(t, contentScene, 1600, 1200, 4)
	for _, o := range []int{1, 3, 6, 8} {
		t.Run(fmt.Sprint("orientation ", o), func(t *testing.T) {
			data := withSegments(encodeTest(t, unorient(img, o), 95), exifAPP1(binary.BigEndian, o))
			// image/jpeg's planes in every build (the gocv build
			// decodes with OpenCV to RGB); rgb() converts them.
			hdr, err := readImageHeader(data, DefaultMaxPixels)
			require.NoError(t, err)
			m, err := jpeg.Decode(bytes.NewReader(data))
			require.NoError(t, err)
			src := &recompressSource{imageHeader: hdr, planes: m.(*image.YCbCr)}
			w, h := ScaledSize(1600, 1200, 0.61)
			g := ProbeLayout(w, h)

			// What bands from the wrong places differ by: the same
			// mosaic of the image turned upside down.
			turned := vision.Orient(src.at(w, h), 3)
			wantRGB := vision.FromImage(probeMosaic(src.at(w, h), g))
			wrong := meanAbsDiff(wantRGB, vision.FromImage(probeMosaic(turned, g)))

			got := vision.FromImage(src.scaledProbePlanes(w, h, g))
			want := vision.FromImage(probeMosaicPlanes(src.planesAt(w, h), g))
			assert.Less(t, meanAbsDiff(got, want), min(3, wrong/4), "planes")

			gotRGB := vision.FromImage(src.scaledProbeRGB(w, h, g))
			assert.Less(t, meanAbsDiff(gotRGB, wantRGB), min(3, wrong/4), "rgb")
		})
	}
}

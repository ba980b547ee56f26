//go:build cgo && gocv

package preflight

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// TestResizeAreaMatchesVision: OpenCV's INTER_AREA and vision.ResizeArea
// average the same areas; rounding may differ by one level.
func TestResizeAreaMatchesVision(t *testing.T) {
	img := photo(t, contentScene, 997, 601, 4)
	for _, size := range [][2]int{{500, 300}, {333, 201}, {997, 300}, {120, 77}} {
		want := vision.ResizeArea(img, size[0], size[1])
		got := resizeArea(img, size[0], size[1])
		assert.Equal(t, [2]int{want.W, want.H}, [2]int{got.W, got.H})
		worst := 0
		for i, v := range want.Pix {
			worst = max(worst, abs(int(v)-int(got.Pix[i])))
		}
		assert.LessOrEqual(t, worst, 1, "size %v", size)
	}
}

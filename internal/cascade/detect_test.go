package cascade

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// loadGray decodes a JPEG fixture of the repository's testdata.
func loadGray(t testing.TB, name string) *vision.Gray {
	t.Helper()
	img, err := synth.ReadImage("../../testdata/" + name)
	require.NoError(t, err)
	return img.Gray()
}

// noiseImage is uniform noise, a texture with no face.
func noiseImage(w, h int, seed uint64) *vision.Gray {
	r := rand.New(rand.NewPCG(seed, 1))
	g := vision.NewGray(w, h)
	for i := range g.Pix {
		g.Pix[i] = uint8(r.IntN(256))
	}
	return g
}

// patternImage fills a w×h image from f(x, y).
func patternImage(w, h int, f func(x, y int) uint8) *vision.Gray {
	g := vision.NewGray(w, h)
	for y := range h {
		for x := range w {
			g.Pix[y*w+x] = f(x, y)
		}
	}
	return g
}

func iou(a, b vision.Rect) float64 {
	ix := max(0, min(a.X1, b.X1)-max(a.X0, b.X0))
	iy := max(0, min(a.Y1, b.Y1)-max(a.Y0, b.Y0))
	inter := float64(ix * iy)
	return inter / (float64(a.Dx()*a.Dy()+b.Dx()*b.Dy()) - inter)
}

// TestDetectFindsGraceHopper compares with OpenCV 4.6's detectMultiScale on
// the same file and cascade (the box in testdata/README.md).
func TestDetectFindsGraceHopper(t *testing.T) {
	g := loadGray(t, "grace_hopper_256.jpg")
	opencv := vision.Rect{X0: 94, Y0: 77, X1: 94 + 79, Y1: 77 + 79}
	faces := FrontalFace().Detect(g, DefaultOptions())
	require.Len(t, faces, 1)
	assert.Greater(t, iou(faces[0].Rect, opencv), 0.85, "got %+v", faces[0].Rect)
	assert.InDelta(t, 16, faces[0].Score, 4, "OpenCV merges 16 windows")
}

func TestDetectSizeBounds(t *testing.T) {
	g := loadGray(t, "grace_hopper_256.jpg")
	c := FrontalFace()
	tests := []struct {
		name             string
		minSize, maxSize int
		want             int
	}{
		{"no bounds", 0, 0, 1},
		{"face inside the bounds", 60, 100, 1},
		{"face smaller than min", 120, 0, 0},
		{"face larger than max", 0, 55, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			faces := c.Detect(g, Options{MinNeighbors: 3, MinSize: tt.minSize, MaxSize: tt.maxSize})
			assert.Len(t, faces, tt.want)
		})
	}
}

func TestDetectUpsideDownFaceIsNotFound(t *testing.T) {
	g := vision.RotateGray(loadGray(t, "grace_hopper_256.jpg"), 2)
	assert.Empty(t, FrontalFace().Detect(g, DefaultOptions()), "the cascade is for upright faces; callers rotate")
}

func TestDetectNoFaceInTextures(t *testing.T) {
	tests := []struct {
		name string
		g    *vision.Gray
	}{
		{"noise", noiseImage(320, 240, 7)},
		{"flat", patternImage(320, 240, func(int, int) uint8 { return 128 })},
		{"gradient", patternImage(320, 240, func(x, y int) uint8 { return uint8(x * 255 / 319) })},
		{"checkerboard", patternImage(320, 240, func(x, y int) uint8 { return uint8(255 * ((x/16 + y/16) % 2)) })},
		{"stripes", patternImage(320, 240, func(x, y int) uint8 { return uint8(128 + 100*math.Sin(float64(y)/3)) })},
		{"rings", patternImage(320, 240, func(x, y int) uint8 {
			return uint8(128 + 120*math.Sin(math.Hypot(float64(x-160), float64(y-120))/4))
		})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Empty(t, FrontalFace().Detect(tt.g, DefaultOptions()))
		})
	}
}

func TestDetectBadImages(t *testing.T) {
	c := FrontalFace()
	tests := []struct {
		name string
		g    *vision.Gray
	}{
		{"nil", nil},
		{"smaller than the window", vision.NewGray(44, 100)},
		{"short pixel buffer", &vision.Gray{W: 100, H: 100, Pix: make([]uint8, 50)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.NotPanics(t, func() { assert.Empty(t, c.Detect(tt.g, DefaultOptions())) })
		})
	}
}

// TestDetectIsDeterministicAndConcurrent runs one cascade from several
// goroutines: it holds no per-call state.
func TestDetectIsDeterministicAndConcurrent(t *testing.T) {
	g := loadGray(t, "grace_hopper_256.jpg")
	want := FrontalFace().Detect(g, Options{})
	done := make(chan []vision.Face, 4)
	for range 4 {
		go func() { done <- FrontalFace().Detect(g, Options{}) }()
	}
	for range 4 {
		assert.Equal(t, want, <-done)
	}
}

// BenchmarkDetectDocument runs the portrait search the way 820 does: a
// rectified ID-1 document 1000×631 with the face 10–50 % of its height.
func BenchmarkDetectDocument(b *testing.B) {
	face := loadGray(b, "grace_hopper_256.jpg")
	doc := patternImage(1000, 631, func(x, y int) uint8 { return uint8(200 + 30*((x/7+y/13)%2)) })
	for y := range face.H {
		copy(doc.Pix[(y+200)*doc.W+60:], face.Pix[y*face.W:(y+1)*face.W])
	}
	c := FrontalFace()
	opt := Options{MinNeighbors: 0, MinSize: 63, MaxSize: 315}
	b.ReportAllocs()
	for b.Loop() {
		c.Detect(doc, opt)
	}
}

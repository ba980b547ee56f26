package synth

import (
	"fmt"
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Downscale returns m shrunk by factor f in (0, 1] with area averaging:
// each output pixel is the mean of the input area it covers. The output is
// round(W·f) × round(H·f) (at least 1×1).
func Downscale(m *vision.RGB, f float64) (*vision.RGB, error) {
	if !(f > 0 && f <= 1) {
		return nil, fmt.Errorf("%w: downscale factor %v outside (0, 1]", ErrBadScene, f)
	}
	w, h := max(1, int(math.Round(float64(m.W)*f))), max(1, int(math.Round(float64(m.H)*f)))
	return resizeArea(m, w, h), nil
}

// span is one input pixel's share of an output pixel.
type span struct {
	src int
	w   float32
}

// areaWeights lists, for each of n outputs over a line of size, the input
// pixels it covers and their weights (summing to 1).
func areaWeights(size, n int) [][]span {
	out := make([][]span, n)
	step := float64(size) / float64(n)
	for i := range out {
		a, b := float64(i)*step, float64(i+1)*step
		for s := int(a); s < size && float64(s) < b; s++ {
			cover := math.Min(b, float64(s+1)) - math.Max(a, float64(s))
			if cover > 0 {
				out[i] = append(out[i], span{s, float32(cover / step)})
			}
		}
	}
	return out
}

func resizeArea(m *vision.RGB, w, h int) *vision.RGB {
	wx, wy := areaWeights(m.W, w), areaWeights(m.H, h)
	// Horizontal pass into floats, then vertical.
	tmp := make([]float32, 3*w*m.H)
	for y := range m.H {
		row := m.Pix[3*y*m.W:]
		t := tmp[3*y*w:]
		for x, sp := range wx {
			var r, g, b float32
			for _, s := range sp {
				r += s.w * float32(row[3*s.src])
				g += s.w * float32(row[3*s.src+1])
				b += s.w * float32(row[3*s.src+2])
			}
			t[3*x], t[3*x+1], t[3*x+2] = r, g, b
		}
	}
	out := vision.NewRGB(w, h)
	acc := make([]float32, 3*w)
	for y, sp := range wy {
		clear(acc)
		for _, s := range sp {
			src := tmp[3*s.src*w : 3*(s.src+1)*w]
			for i, v := range src {
				acc[i] += s.w * v
			}
		}
		o := out.Pix[3*y*w : 3*(y+1)*w]
		for i, v := range acc {
			o[i] = clamp8(float64(v))
		}
	}
	return out
}

// Scaled returns a copy of s downscaled by f in (0, 1] (see Downscale)
// with its ground truth mapped to the new pixels.
func (s *Scene) Scaled(f float64) (*Scene, error) {
	img, err := Downscale(s.Img, f)
	if err != nil {
		return nil, err
	}
	sx, sy := float64(img.W)/float64(s.Img.W), float64(img.H)/float64(s.Img.H)
	scale := func(qs []vision.Quad) []vision.Quad {
		out := make([]vision.Quad, len(qs))
		for i, q := range qs {
			for j, p := range q {
				out[i][j] = vision.Point{X: p.X * sx, Y: p.Y * sy}
			}
		}
		return out
	}
	return &Scene{Img: img, Quads: scale(s.Quads), Portraits: scale(s.Portraits)}, nil
}

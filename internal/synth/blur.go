package synth

import (
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// GaussianBlur returns m blurred with a Gaussian of standard deviation
// sigma pixels (separable, kernel radius 3σ, edges clamped). sigma <= 0
// returns a copy.
func GaussianBlur(m *vision.RGB, sigma float64) *vision.RGB {
	if sigma <= 0 {
		return clone(m)
	}
	r := int(math.Ceil(3 * sigma))
	k := make([]float32, 2*r+1)
	var sum float32
	for i := range k {
		d := float64(i - r)
		k[i] = float32(math.Exp(-d * d / (2 * sigma * sigma)))
		sum += k[i]
	}
	for i := range k {
		k[i] /= sum
	}
	taps := make([]tap, len(k))
	for i := range k {
		taps[i] = tap{dx: i - r, w: k[i]}
	}
	tmp := convolve(m, taps)
	for i := range taps {
		taps[i].dx, taps[i].dy = 0, i-r
	}
	return convolve(tmp, taps)
}

// MotionBlur returns m smeared along a straight path of length px at
// angle degrees (0 = horizontal), as a moving camera does; each output
// pixel averages samples spaced one pixel apart along the path.
func MotionBlur(m *vision.RGB, length, angle float64) *vision.RGB {
	n := int(math.Round(length))
	if n < 2 {
		return clone(m)
	}
	a := angle * math.Pi / 180
	taps := make([]tap, n)
	for i := range taps {
		t := float64(i) - float64(n-1)/2
		taps[i] = tap{dx: int(math.Round(t * math.Cos(a))), dy: int(math.Round(t * math.Sin(a))), w: 1 / float32(n)}
	}
	return convolve(m, taps)
}

// tap is one weighted neighbour of a convolution.
type tap struct {
	dx, dy int
	w      float32
}

// convolve applies the taps with edge clamping, a row at a time.
func convolve(m *vision.RGB, taps []tap) *vision.RGB {
	out := vision.NewRGB(m.W, m.H)
	acc := make([]float32, 3*m.W)
	for y := range m.H {
		clear(acc)
		for _, t := range taps {
			sy := min(max(y+t.dy, 0), m.H-1)
			row := m.Pix[3*sy*m.W : 3*(sy+1)*m.W]
			if t.dx == 0 {
				for i, v := range row {
					acc[i] += t.w * float32(v)
				}
				continue
			}
			for x := range m.W {
				sx := min(max(x+t.dx, 0), m.W-1)
				acc[3*x] += t.w * float32(row[3*sx])
				acc[3*x+1] += t.w * float32(row[3*sx+1])
				acc[3*x+2] += t.w * float32(row[3*sx+2])
			}
		}
		o := out.Pix[3*y*m.W : 3*(y+1)*m.W]
		for i, v := range acc {
			o[i] = clamp8(float64(v))
		}
	}
	return out
}

func clone(m *vision.RGB) *vision.RGB {
	return &vision.RGB{W: m.W, H: m.H, Pix: append([]uint8(nil), m.Pix...)}
}

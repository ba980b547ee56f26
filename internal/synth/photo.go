package synth

import (
	"math"
	"math/rand/v2"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Photo contents for recompression tests and benchmarks, from the easiest
// to compress to the hardest: a flat gradient, a desk photo of an ID card
// with sensor noise, a text-heavy page (sharp edges everywhere, where JPEG
// blocking shows first) and the desk photo under heavy noise.

// DeskPhoto is a w×h phone photo of an ID-1 card lying on wood, slightly
// turned and tilted, with Gaussian sensor noise of sigma levels. Above
// 16 MP the scene is rendered at 1/16 of the pixels and enlarged with
// uniform grain of the same sigma (Grain), so a 100 MP photo costs
// seconds.
func DeskPhoto(w, h int, sigma float64, seed int64) (*vision.RGB, error) {
	big := w*h > 16_000_000
	rw, rh := w, h
	if big {
		rw, rh = w/4, h/4
	}
	s := NewScene(rw, rh, Wood, seed)
	doc := NewDocument(ID1, seed)
	q := Pose{Center: vision.Point{X: float64(rw) / 2, Y: float64(rh) / 2}, Width: 0.6 * float64(rw), Roll: 4, TiltX: 8}.Quad(doc.Aspect())
	if err := s.Place(doc, q, 0.4); err != nil {
		return nil, err
	}
	if !big {
		return Noise(s.Img, sigma, seed), nil
	}
	return Grain(s.Img, w, h, sigma, uint64(seed)), nil
}

// Grain enlarges m to w×h bilinearly and adds uniform noise of standard
// deviation sigma from a xorshift generator (Gaussian samples for 300 M
// channels would dominate a test's time). Bilinear, not by pixel
// replication: a camera's picture has no steps every few pixels, and
// 4-px replicated blocks read as JPEG blocking to 827's blockiness
// measure (1.89 on the 48 MP bench photo, over the 1.6 limit).
func Grain(m *vision.RGB, w, h int, sigma float64, seed uint64) *vision.RGB {
	out := vision.NewRGB(w, h)
	amp := int(sigma * math.Sqrt(3)) // uniform on [-amp, amp] has this sigma
	state := seed | 1
	// Source positions in 8.8 fixed point, pixel centres aligned.
	xs0, xs1, xw := grainTaps(w, m.W)
	ys0, ys1, yw := grainTaps(h, m.H)
	for y := range h {
		r0, r1, fy := 3*ys0[y]*m.W, 3*ys1[y]*m.W, yw[y]
		for x := range w {
			c0, c1, fx := 3*xs0[x], 3*xs1[x], xw[x]
			di := 3 * (y*w + x)
			for c := range 3 {
				top := int(m.Pix[r0+c0+c])*(256-fx) + int(m.Pix[r0+c1+c])*fx
				bot := int(m.Pix[r1+c0+c])*(256-fx) + int(m.Pix[r1+c1+c])*fx
				v := (top*(256-fy) + bot*fy + 1<<15) >> 16
				state ^= state << 13
				state ^= state >> 7
				state ^= state << 17
				v += int(state%uint64(2*amp+1)) - amp
				out.Pix[di+c] = uint8(min(max(v, 0), 255))
			}
		}
	}
	return out
}

// grainTaps returns, for each of n output positions over a source of
// size src, the two source pixels it lies between and the weight of the
// second (0..256), pixel centres aligned.
func grainTaps(n, src int) (lo, hi, wt []int) {
	lo, hi, wt = make([]int, n), make([]int, n), make([]int, n)
	for i := range n {
		p := max((2*i+1)*src*128/n-128, 0) // (i+0.5)·src/n − 0.5, in 1/256
		lo[i] = min(p>>8, src-1)
		hi[i] = min(lo[i]+1, src-1)
		wt[i] = p & 255
	}
	return lo, hi, wt
}

// GradientPhoto is a smooth w×h colour gradient: the easiest content.
func GradientPhoto(w, h int) *vision.RGB {
	m := vision.NewRGB(w, h)
	for y := range h {
		for x := range w {
			i := 3 * (y*w + x)
			m.Pix[i], m.Pix[i+1], m.Pix[i+2] = uint8(60+120*x/w), uint8(80+100*y/h), 150
		}
	}
	return m
}

// TextPage is a white w×h page covered in lines of dark glyph-like
// strokes, with faint paper noise.
func TextPage(w, h int, seed int64) *vision.RGB {
	rng := rand.New(rand.NewPCG(uint64(seed), 7))
	m := vision.NewRGB(w, h)
	for i := range m.Pix {
		m.Pix[i] = uint8(238 + rng.IntN(12))
	}
	gh := max(8, h/120) // glyph height
	for y := gh; y+gh < h; y += 2 * gh {
		for x := gh; x+gh < w; {
			gw := gh/2 + rng.IntN(gh/2+1)
			if rng.IntN(8) > 0 { // word gaps
				for range 3 { // a few strokes per glyph
					sx, sy := x+rng.IntN(max(gw-1, 1)), y+rng.IntN(gh/2)
					ex, ey := min(sx+1+rng.IntN(gw), w-1), min(sy+gh/2+rng.IntN(gh/2), h-1)
					for yy := sy; yy < ey; yy++ {
						for xx := sx; xx < min(sx+max(1, gh/6), ex+1); xx++ {
							i := 3 * (yy*w + xx)
							m.Pix[i], m.Pix[i+1], m.Pix[i+2] = 20, 20, 40
						}
					}
				}
			}
			x += gw + 2
		}
	}
	return m
}

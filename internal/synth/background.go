package synth

import (
	"math"
	"math/rand/v2"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Background is the surface a document lies on.
type Background int

// Backgrounds.
const (
	Plain    Background = iota // one uniform colour
	Gradient                   // a linear blend of two colours
	Wood                       // wood-grain-like rings and streaks
	Clutter                    // many shapes, lines and text-like blocks with strong edges
)

// String names the background.
func (b Background) String() string {
	switch b {
	case Gradient:
		return "gradient"
	case Wood:
		return "wood"
	case Clutter:
		return "clutter"
	}
	return "plain"
}

// drawBackground fills m.
func drawBackground(m *vision.RGB, bg Background, rng *rand.Rand) {
	c0 := rgb{uint8(30 + rng.IntN(200)), uint8(30 + rng.IntN(200)), uint8(30 + rng.IntN(200))}
	switch bg {
	case Gradient:
		c1 := rgb{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256))}
		a := rng.Float64() * 2 * math.Pi
		drawGradient(m, c0, c1, math.Cos(a), math.Sin(a))
	case Wood:
		drawWood(m, rng)
	case Clutter:
		fillRect(m, vision.Rect{X1: m.W, Y1: m.H}, c0)
		drawClutter(m, rng)
	default:
		fillRect(m, vision.Rect{X1: m.W, Y1: m.H}, c0)
	}
}

func drawGradient(m *vision.RGB, a, b rgb, dx, dy float64) {
	// Project the corners to normalise t to [0,1] over the frame.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range [4][2]float64{{0, 0}, {float64(m.W), 0}, {0, float64(m.H)}, {float64(m.W), float64(m.H)}} {
		v := p[0]*dx + p[1]*dy
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	var pal [256]rgb
	for i := range pal {
		pal[i] = mix(a, b, float64(i)/255)
	}
	for y := range m.H {
		o := m.Pix[3*y*m.W : 3*(y+1)*m.W]
		for x := range m.W {
			t := ((float64(x)+0.5)*dx + (float64(y)+0.5)*dy - lo) / (hi - lo)
			c := pal[int(t*255)]
			o[3*x], o[3*x+1], o[3*x+2] = c.r, c.g, c.b
		}
	}
}

// valueNoise returns w×h smooth noise in [0,1] from random values on a
// grid of the given cell size, interpolated with smoothstep.
func valueNoise(rng *rand.Rand, w, h int, cell float64) []float32 {
	gw, gh := int(float64(w)/cell)+2, int(float64(h)/cell)+2
	grid := make([]float32, gw*gh)
	for i := range grid {
		grid[i] = rng.Float32()
	}
	// Column cells and weights are the same on every row.
	ci, ct := make([]int, w), make([]float32, w)
	for x := range w {
		fx := float64(x) / cell
		ci[x] = int(fx)
		ct[x] = float32(smooth(fx - float64(ci[x])))
	}
	out := make([]float32, w*h)
	for y := range h {
		fy := float64(y) / cell
		j := int(fy)
		ty := float32(smooth(fy - float64(j)))
		r0, r1 := grid[j*gw:(j+1)*gw], grid[(j+1)*gw:(j+2)*gw]
		o := out[y*w : (y+1)*w]
		for x := range o {
			i, tx := ci[x], ct[x]
			a := r0[i] + (r0[i+1]-r0[i])*tx
			b := r1[i] + (r1[i+1]-r1[i])*tx
			o[x] = a + (b-a)*ty
		}
	}
	return out
}

func smooth(t float64) float64 { return t * t * (3 - 2*t) }

// drawWood draws warped concentric rings with fine streaks along the grain.
func drawWood(m *vision.RGB, rng *rand.Rand) {
	light := rgb{uint8(170 + rng.IntN(60)), uint8(120 + rng.IntN(50)), uint8(70 + rng.IntN(40))}
	dark := light.scale(0.55 + rng.Float64()*0.2)
	scale := float64(max(m.W, m.H))
	warp := valueNoise(rng, m.W, m.H, scale/6)
	grain := valueNoise(rng, m.W, m.H, 3)
	a := rng.Float64() * math.Pi
	dx, dy := math.Cos(a), math.Sin(a)
	freq := (20 + rng.Float64()*30) / scale
	var pal [64]rgb
	for i := range pal {
		pal[i] = mix(light, dark, float64(i)/63)
	}
	// One period of the ring profile, 0.75·(½+½·sin)², in a table.
	const steps = 1024
	var ring [steps]float32
	for i := range ring {
		t := 0.5 + 0.5*math.Sin(2*math.Pi*float64(i)/steps)
		ring[i] = float32(0.75 * t * t)
	}
	for y := range m.H {
		o := m.Pix[3*y*m.W : 3*(y+1)*m.W]
		for x := range m.W {
			i := y*m.W + x
			// Rings run across the grain direction, bent by low-frequency warp.
			u := (float64(x)*dx+float64(y)*dy)*freq + 4*float64(warp[i])
			ph := int((u - math.Floor(u)) * steps)
			t := ring[ph&(steps-1)] + 0.25*grain[i]
			c := pal[int(t*63)]
			o[3*x], o[3*x+1], o[3*x+2] = c.r, c.g, c.b
		}
	}
}

// drawClutter scatters rectangles, discs, thick lines and text blocks, the
// strong edges of a desk, keyboard or newspaper that confuse detectors.
func drawClutter(m *vision.RGB, rng *rand.Rand) {
	d := float64(min(m.W, m.H))
	randColor := func() rgb { return rgb{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256))} }
	n := 40 + rng.IntN(30)
	for range n {
		x, y := rng.IntN(m.W), rng.IntN(m.H)
		s := int(d * (0.03 + rng.Float64()*0.2))
		switch rng.IntN(4) {
		case 0:
			// Squares and strips only: a plain rectangle of a document's
			// aspect (1.3–1.7) would be a fair detection, not clutter.
			fillRect(m, vision.Rect{X0: x, Y0: y, X1: x + s, Y1: y + s*[]int{2, 2, 5, 6}[rng.IntN(4)]/2}, randColor())
		case 1:
			fillEllipse(m, vision.Rect{X1: m.W, Y1: m.H}, float64(x), float64(y), float64(s)/2, float64(s)/2, randColor())
		case 2:
			drawLine(m, float64(x), float64(y), float64(x)+(rng.Float64()-0.5)*3*float64(s),
				float64(y)+(rng.Float64()-0.5)*3*float64(s), 1+rng.Float64()*4, randColor())
		default:
			c := randColor().scale(0.3)
			gh := max(4, s/8)
			for l := range 4 {
				drawGlyphLine(m, rng, x, y+l*gh*3/2, x+s*2, gh, c, 0.8)
			}
		}
	}
}

// drawLine draws a segment of the given thickness (hard edges).
func drawLine(m *vision.RGB, x0, y0, x1, y1, thick float64, c rgb) {
	b := clipRect(vision.Rect{X0: int(math.Min(x0, x1) - thick), Y0: int(math.Min(y0, y1) - thick),
		X1: int(math.Max(x0, x1)+thick) + 1, Y1: int(math.Max(y0, y1)+thick) + 1}, m.W, m.H)
	vx, vy := x1-x0, y1-y0
	l2 := vx*vx + vy*vy
	if l2 == 0 {
		return
	}
	for y := b.Y0; y < b.Y1; y++ {
		for x := b.X0; x < b.X1; x++ {
			px, py := float64(x)+0.5-x0, float64(y)+0.5-y0
			t := math.Max(0, math.Min(1, (px*vx+py*vy)/l2))
			if math.Hypot(px-t*vx, py-t*vy) <= thick/2 {
				i := 3 * (y*m.W + x)
				m.Pix[i], m.Pix[i+1], m.Pix[i+2] = c.r, c.g, c.b
			}
		}
	}
}

package synth

import (
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Exposure returns m with its exposure changed by ev stops, computed in
// linear light (+1 EV doubles the light, then values clip at white) as a
// camera's exposure setting would.
func Exposure(m *vision.RGB, ev float64) *vision.RGB {
	lin, srgb := linearLUT(), srgbLUT()
	k := float32(math.Exp2(ev))
	var lut [256]uint8
	for i := range lut {
		lut[i] = toSRGB(srgb, lin[i]*k)
	}
	out := vision.NewRGB(m.W, m.H)
	for i, v := range m.Pix {
		out.Pix[i] = lut[v]
	}
	return out
}

// LightGradient returns m lit unevenly: in linear light, the gain runs
// from 1-strength to 1+strength across the frame along angle degrees
// (0 = brighter to the right), like a lamp to one side.
func LightGradient(m *vision.RGB, strength, angle float64) *vision.RGB {
	lin, srgb := linearLUT(), srgbLUT()
	a := angle * math.Pi / 180
	dx, dy := math.Cos(a), math.Sin(a)
	half := (math.Abs(dx)*float64(m.W) + math.Abs(dy)*float64(m.H)) / 2
	cx, cy := float64(m.W)/2, float64(m.H)/2
	out := vision.NewRGB(m.W, m.H)
	for y := range m.H {
		o := out.Pix[3*y*m.W : 3*(y+1)*m.W]
		in := m.Pix[3*y*m.W : 3*(y+1)*m.W]
		for x := range m.W {
			t := ((float64(x)+0.5-cx)*dx + (float64(y)+0.5-cy)*dy) / half
			k := float32(1 + strength*t)
			for c := 3 * x; c < 3*x+3; c++ {
				o[c] = toSRGB(srgb, lin[in[c]]*k)
			}
		}
	}
	return out
}

// Noise returns m with zero-mean Gaussian noise of standard deviation
// sigma (in 8-bit levels) added to every channel independently.
func Noise(m *vision.RGB, sigma float64, seed int64) *vision.RGB {
	rng := newRand(seed, saltNoise)
	out := vision.NewRGB(m.W, m.H)
	for i, v := range m.Pix {
		out.Pix[i] = clamp8(float64(v) + sigma*rng.NormFloat64())
	}
	return out
}

// Glare is a specular reflection: a saturated white elliptic core with a
// halo that fades out smoothly to Halo times the core's radii. Only the
// core reaches white, so the clipped area is exactly CoreArea.
type Glare struct {
	Center vision.Point
	// RX, RY are the core's semi-axes in pixels; Angle turns the ellipse,
	// in degrees.
	RX, RY, Angle float64
	// Halo is the outer radius of the fade as a multiple of the core
	// (values <= 1 mean a hard edge).
	Halo float64
}

// haloPeak is the halo's strongest blend toward white, below 1 so that
// the halo never clips.
const haloPeak = 0.85

// CoreArea returns the area of the saturated core in pixels.
func (g Glare) CoreArea() float64 { return math.Pi * g.RX * g.RY }

// GlareOn returns a glare on document quad q whose core covers frac of
// the quad's area, centred at document position (u, v) in [0,1]² (0,0 is
// the document's top-left corner), elongated 2:1 along the document's
// width, with a halo of 1.8 × the core.
func GlareOn(q vision.Quad, u, v, frac float64) Glare {
	// Bilinear position inside the quad: exact enough for a blob centre.
	top := vision.Point{X: q[0].X + u*(q[1].X-q[0].X), Y: q[0].Y + u*(q[1].Y-q[0].Y)}
	bot := vision.Point{X: q[3].X + u*(q[2].X-q[3].X), Y: q[3].Y + u*(q[2].Y-q[3].Y)}
	c := vision.Point{X: top.X + v*(bot.X-top.X), Y: top.Y + v*(bot.Y-top.Y)}
	ry := math.Sqrt(frac * q.Area() / (2 * math.Pi))
	ang := math.Atan2(q[1].Y-q[0].Y, q[1].X-q[0].X) * 180 / math.Pi
	return Glare{Center: c, RX: 2 * ry, RY: ry, Angle: ang, Halo: 1.8}
}

// AddGlare returns m with the glare g blended in (in linear light, so the
// halo brightens rather than greys the document).
func AddGlare(m *vision.RGB, g Glare) *vision.RGB {
	out := clone(m)
	if g.RX <= 0 || g.RY <= 0 {
		return out
	}
	lin, srgb := linearLUT(), srgbLUT()
	halo := math.Max(g.Halo, 1)
	a := g.Angle * math.Pi / 180
	ca, sa := math.Cos(a), math.Sin(a)
	reach := halo * math.Max(g.RX, g.RY)
	b := clipRect(vision.Rect{X0: int(g.Center.X - reach), Y0: int(g.Center.Y - reach),
		X1: int(g.Center.X+reach) + 2, Y1: int(g.Center.Y+reach) + 2}, m.W, m.H)
	for y := b.Y0; y < b.Y1; y++ {
		for x := b.X0; x < b.X1; x++ {
			dx, dy := float64(x)+0.5-g.Center.X, float64(y)+0.5-g.Center.Y
			u, v := (dx*ca+dy*sa)/g.RX, (-dx*sa+dy*ca)/g.RY
			r := math.Sqrt(u*u + v*v)
			var w float64
			switch {
			case r <= 1:
				w = 1
			case halo > 1 && r < halo:
				w = haloPeak * smooth(1-(r-1)/(halo-1))
			default:
				continue
			}
			i := 3 * (y*m.W + x)
			for c := i; c < i+3; c++ {
				l := float64(lin[out.Pix[c]])
				out.Pix[c] = toSRGB(srgb, float32(l+(1-l)*w))
			}
		}
	}
	return out
}

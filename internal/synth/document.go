package synth

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Kind is an ISO/IEC 7810 document format.
type Kind int

// Document formats.
const (
	ID1 Kind = iota // identification card, 85.6 × 54 mm
	ID3             // passport data page, 125 × 88 mm
)

// String returns "ID-1" or "ID-3".
func (k Kind) String() string {
	if k == ID3 {
		return "ID-3"
	}
	return "ID-1"
}

// Size returns the texture size in pixels, 10 px per millimetre.
func (k Kind) Size() (w, h int) {
	if k == ID3 {
		return 1250, 880
	}
	return 856, 540
}

// Aspect returns width / height of the format.
func (k Kind) Aspect() float64 {
	w, h := k.Size()
	return float64(w) / float64(h)
}

// Document is a flat document texture with the position of its portrait.
type Document struct {
	Kind Kind
	// Img is the document face, Kind.Size() pixels.
	Img *vision.RGB
	// Portrait is the portrait box in document pixels.
	Portrait vision.Rect
	// CornerRadius rounds the corners when the document is placed, in
	// document pixels (ID-1 cards: 3.18 mm = 32 px). The ground-truth quad
	// stays the sharp rectangle, whose corners the rounding cuts off.
	CornerRadius float64
}

// layout places the parts of a document as fractions of its size.
type layout struct {
	header             float64 // header band height
	portrait           [4]float64
	text               [4]float64 // x0, y0, x1, y1 of the data lines
	textLines          int
	mrz                [4]float64
	mrzLines, mrzChars int
}

func (k Kind) layout() layout {
	if k == ID3 {
		return layout{
			header:    0.11,
			portrait:  [4]float64{0.04, 0.19, 0.32, 0.74},
			text:      [4]float64{0.36, 0.19, 0.96, 0.74},
			textLines: 7,
			mrz:       [4]float64{0.04, 0.80, 0.96, 0.95},
			mrzLines:  2, mrzChars: 44,
		}
	}
	return layout{
		header:    0.13,
		portrait:  [4]float64{0.035, 0.18, 0.29, 0.70},
		text:      [4]float64{0.33, 0.19, 0.96, 0.68},
		textLines: 5,
		mrz:       [4]float64{0.035, 0.74, 0.965, 0.95},
		mrzLines:  3, mrzChars: 30,
	}
}

// NewDocument draws a document of the given kind: a guilloche-like
// background, a header band, a border, text-like lines, an MRZ-like block
// and a face-like portrait. The same seed always gives the same pixels.
func NewDocument(kind Kind, seed int64) *Document {
	w, h := kind.Size()
	rng := newRand(seed, saltDocument)
	d := &Document{Kind: kind, Img: vision.NewRGB(w, h)}
	if kind == ID1 {
		d.CornerRadius = 32
	} else {
		d.CornerRadius = 8
	}
	lay := kind.layout()
	// Paper stays below 225 and the MRZ band below 235: printed
	// documents are not white enough to clip, so only a deliberate glare
	// (AddGlare) or exposure (Exposure) saturates them.
	paper := rgb{uint8(180 + rng.IntN(45)), uint8(180 + rng.IntN(45)), uint8(180 + rng.IntN(45))}
	accent := rgb{uint8(40 + rng.IntN(150)), uint8(40 + rng.IntN(150)), uint8(40 + rng.IntN(150))}
	ink := rgb{uint8(10 + rng.IntN(40)), uint8(10 + rng.IntN(40)), uint8(20 + rng.IntN(50))}

	drawGuilloche(d.Img, rng, paper, mix(paper, accent, 0.45))
	fillRect(d.Img, vision.Rect{X0: 0, Y0: 0, X1: w, Y1: int(lay.header * float64(h))}, accent)
	// Header title: light glyphs on the band.
	hb := int(lay.header * float64(h))
	drawGlyphLine(d.Img, rng, w/20, hb/4, w*11/20, hb/2, paper, 0.5)
	// Border inset by 1.5 % of the height.
	in := max(2, h*15/1000)
	strokeRect(d.Img, vision.Rect{X0: in, Y0: hb + in, X1: w - in, Y1: h - in}, max(1, h/300), mix(accent, paper, 0.3))

	frac := func(f [4]float64) vision.Rect {
		return vision.Rect{X0: int(f[0] * float64(w)), Y0: int(f[1] * float64(h)), X1: int(f[2] * float64(w)), Y1: int(f[3] * float64(h))}
	}
	d.Portrait = frac(lay.portrait)
	drawFace(d.Img, d.Portrait, rng)

	// Data lines: a small light label above each dark value.
	tr := frac(lay.text)
	step := tr.Dy() / lay.textLines
	for i := range lay.textLines {
		y := tr.Y0 + i*step
		lh := step * 3 / 10
		drawGlyphLine(d.Img, rng, tr.X0, y, tr.X0+tr.Dx()*(2+rng.IntN(3))/10, lh, mix(ink, paper, 0.5), 0.8)
		vh := step * 4 / 10
		drawGlyphLine(d.Img, rng, tr.X0, y+lh+step/10, tr.X0+tr.Dx()*(4+rng.IntN(6))/10, vh, ink, 0.9)
	}

	// MRZ: fixed-pitch glyphs on a plain band.
	mr := frac(lay.mrz)
	fillRect(d.Img, mr, mix(paper, rgb{255, 255, 255}, 0.3))
	pitch := float64(mr.Dx()) / float64(lay.mrzChars)
	lineH := mr.Dy() / lay.mrzLines
	for l := range lay.mrzLines {
		for c := range lay.mrzChars {
			x := mr.X0 + int(float64(c)*pitch+pitch*0.15)
			drawGlyph(d.Img, rng, x, mr.Y0+l*lineH+lineH/6, int(pitch*0.7), lineH*2/3, ink)
		}
	}
	return d
}

// Aspect returns the document's width / height.
func (d *Document) Aspect() float64 { return float64(d.Img.W) / float64(d.Img.H) }

// SetPortrait replaces the portrait box's content with face, resized to
// fill the box (bilinear), so that a real face photo can stand in for the
// drawn one.
func (d *Document) SetPortrait(face *vision.RGB) error {
	if face == nil || face.W <= 0 || face.H <= 0 {
		return fmt.Errorf("synth: empty portrait image")
	}
	p := d.Portrait
	q := vision.Quad{{X: 0, Y: 0}, {X: float64(face.W), Y: 0}, {X: float64(face.W), Y: float64(face.H)}, {X: 0, Y: float64(face.H)}}
	r, err := vision.WarpQuad(face, q, p.Dx(), p.Dy())
	if err != nil {
		return err
	}
	for y := range p.Dy() {
		copy(d.Img.Pix[3*((p.Y0+y)*d.Img.W+p.X0):], r.Pix[3*y*p.Dx():3*(y+1)*p.Dx()])
	}
	return nil
}

// drawGuilloche fills m with interfering sine waves between two colours,
// the fine-line security print of real documents.
func drawGuilloche(m *vision.RGB, rng *rand.Rand, a, b rgb) {
	f1, f2 := 0.02+rng.Float64()*0.05, 0.01+rng.Float64()*0.03
	g1, g2 := 0.02+rng.Float64()*0.05, 0.01+rng.Float64()*0.03
	amp1, amp2 := 3+rng.Float64()*6, 3+rng.Float64()*6
	ph := rng.Float64() * 6
	col := make([]float64, m.W)
	for x := range col {
		col[x] = math.Sin(g2*float64(x) + ph)
	}
	var pal [65]rgb
	for i := range pal {
		pal[i] = mix(a, b, float64(i)/64)
	}
	for y := range m.H {
		row := math.Sin(f2*float64(y) + ph)
		o := m.Pix[3*y*m.W : 3*(y+1)*m.W]
		for x := range m.W {
			s1 := 0.5 + 0.5*math.Sin(f1*float64(x)+amp1*row)
			s2 := 0.5 + 0.5*math.Sin(g1*float64(y)+amp2*col[x])
			c := pal[int(64*s1*s2)]
			o[3*x], o[3*x+1], o[3*x+2] = c.r, c.g, c.b
		}
	}
}

func fillRect(m *vision.RGB, r vision.Rect, c rgb) {
	r = clipRect(r, m.W, m.H)
	for y := r.Y0; y < r.Y1; y++ {
		o := m.Pix[3*(y*m.W+r.X0) : 3*(y*m.W+r.X1)]
		for i := 0; i < len(o); i += 3 {
			o[i], o[i+1], o[i+2] = c.r, c.g, c.b
		}
	}
}

func strokeRect(m *vision.RGB, r vision.Rect, t int, c rgb) {
	fillRect(m, vision.Rect{X0: r.X0, Y0: r.Y0, X1: r.X1, Y1: r.Y0 + t}, c)
	fillRect(m, vision.Rect{X0: r.X0, Y0: r.Y1 - t, X1: r.X1, Y1: r.Y1}, c)
	fillRect(m, vision.Rect{X0: r.X0, Y0: r.Y0, X1: r.X0 + t, Y1: r.Y1}, c)
	fillRect(m, vision.Rect{X0: r.X1 - t, Y0: r.Y0, X1: r.X1, Y1: r.Y1}, c)
}

func clipRect(r vision.Rect, w, h int) vision.Rect {
	r.X0, r.Y0 = min(max(r.X0, 0), w), min(max(r.Y0, 0), h)
	r.X1, r.Y1 = min(max(r.X1, r.X0), w), min(max(r.Y1, r.Y0), h)
	return r
}

// drawGlyph draws a random 5×7 bitmap in a gw×gh cell: text-like
// high-frequency strokes without a font.
func drawGlyph(m *vision.RGB, rng *rand.Rand, x, y, gw, gh int, c rgb) {
	bits := rng.Uint64()
	for j := range 7 {
		for i := range 5 {
			if bits>>(j*5+i)&1 == 0 || (bits>>(35+j)&1 == 1 && i%2 == 1) {
				continue
			}
			fillRect(m, vision.Rect{X0: x + i*gw/5, Y0: y + j*gh/7, X1: x + (i+1)*gw/5, Y1: y + (j+1)*gh/7}, c)
		}
	}
}

// drawGlyphLine draws words of glyphs of height gh from x0 to about x1;
// density is the chance that a position holds a glyph rather than a space.
func drawGlyphLine(m *vision.RGB, rng *rand.Rand, x0, y, x1, gh int, c rgb, density float64) {
	gw := max(3, gh*5/7)
	for x := x0; x+gw <= x1; x += gw + max(1, gw/4) {
		if rng.Float64() < density {
			drawGlyph(m, rng, x, y, gw, gh, c)
		}
	}
}

// drawFace draws a neutral face-like figure in r: a light backdrop,
// shoulders, a skin-coloured head ellipse with hair, eyes and a mouth.
func drawFace(m *vision.RGB, r vision.Rect, rng *rand.Rand) {
	backdrop := rgb{uint8(190 + rng.IntN(40)), uint8(200 + rng.IntN(40)), uint8(210 + rng.IntN(40))}
	fillRect(m, r, backdrop)
	skin := []rgb{{224, 180, 150}, {198, 150, 115}, {160, 110, 80}, {110, 75, 55}}[rng.IntN(4)]
	hair := []rgb{{40, 30, 25}, {90, 60, 35}, {170, 140, 90}, {60, 60, 60}}[rng.IntN(4)]
	cloth := rgb{uint8(30 + rng.IntN(100)), uint8(30 + rng.IntN(100)), uint8(30 + rng.IntN(100))}
	w, h := float64(r.Dx()), float64(r.Dy())
	cx, cy := float64(r.X0)+w/2, float64(r.Y0)+h*0.42
	rx, ry := w*0.27, h*0.25
	fillEllipse(m, r, cx, float64(r.Y0)+h*1.05, w*0.55, h*0.32, cloth)          // shoulders
	fillEllipse(m, r, cx, cy+ry*0.9, rx*0.45, ry*0.5, skin.scale(0.9))          // neck
	fillEllipse(m, r, cx, cy-ry*0.15, rx*1.12, ry*1.0, hair)                    // hair
	fillEllipse(m, r, cx, cy+ry*0.08, rx, ry*0.95, skin)                        // face
	fillEllipse(m, r, cx-rx*0.4, cy-ry*0.05, rx*0.16, ry*0.08, rgb{35, 30, 30}) // eyes
	fillEllipse(m, r, cx+rx*0.4, cy-ry*0.05, rx*0.16, ry*0.08, rgb{35, 30, 30})
	fillEllipse(m, r, cx, cy+ry*0.25, rx*0.08, ry*0.18, skin.scale(0.8))  // nose
	fillEllipse(m, r, cx, cy+ry*0.55, rx*0.35, ry*0.06, rgb{150, 70, 70}) // mouth
}

// fillEllipse fills an axis-aligned ellipse, clipped to the box clip.
func fillEllipse(m *vision.RGB, clip vision.Rect, cx, cy, rx, ry float64, c rgb) {
	b := clipRect(vision.Rect{X0: int(cx - rx), Y0: int(cy - ry), X1: int(cx+rx) + 1, Y1: int(cy+ry) + 1}, m.W, m.H)
	b = vision.Rect{X0: max(b.X0, clip.X0), Y0: max(b.Y0, clip.Y0), X1: min(b.X1, clip.X1), Y1: min(b.Y1, clip.Y1)}
	for y := b.Y0; y < b.Y1; y++ {
		dy := (float64(y) + 0.5 - cy) / ry
		for x := b.X0; x < b.X1; x++ {
			dx := (float64(x) + 0.5 - cx) / rx
			if dx*dx+dy*dy <= 1 {
				i := 3 * (y*m.W + x)
				m.Pix[i], m.Pix[i+1], m.Pix[i+2] = c.r, c.g, c.b
			}
		}
	}
}

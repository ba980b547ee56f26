package preflight

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// Photo contents for the recompression properties: a synthetic ID card on
// a desk (internal/synth) as phones take it, with sensor noise; the same
// with heavy noise (the hardest to compress); a flat gradient (the easiest);
// and a text-heavy page (sharp edges everywhere, where blocking shows first).
type content string

const (
	contentScene content = "scene"
	contentNoisy content = "noisy"
	contentFlat  content = "flat"
	contentText  content = "text"
)

// photo renders w×h pixels of the content. Photos over 16 MP are rendered
// at 1/16 of the pixels, enlarged and given full-resolution grain from a
// cheap generator, so that the 100 MP case costs seconds, not minutes.
func photo(t testing.TB, c content, w, h int, seed int64) *vision.RGB {
	t.Helper()
	switch c {
	case contentFlat:
		return flatPhoto(w, h)
	case contentText:
		return textPhoto(w, h, seed)
	}
	sigma := 2.5
	if c == contentNoisy {
		sigma = 14
	}
	big := w*h > 16_000_000
	rw, rh := w, h
	if big {
		rw, rh = w/4, h/4
	}
	s := synth.NewScene(rw, rh, synth.Wood, seed)
	doc := synth.NewDocument(synth.ID1, seed)
	q := synth.Pose{Center: vision.Point{X: float64(rw) / 2, Y: float64(rh) / 2}, Width: 0.6 * float64(rw), Roll: 4, TiltX: 8}.Quad(doc.Aspect())
	require.NoError(t, s.Place(doc, q, 0.4))
	if !big {
		return synth.Noise(s.Img, sigma, seed)
	}
	return enlargeWithGrain(s.Img, w, h, sigma, uint64(seed))
}

// enlargeWithGrain enlarges m to w×h by pixel replication and adds
// uniform grain of the given standard deviation (a xorshift generator:
// Gaussian samples for 300 M channels would dominate the test).
func enlargeWithGrain(m *vision.RGB, w, h int, sigma float64, seed uint64) *vision.RGB {
	out := vision.NewRGB(w, h)
	amp := int(sigma * math.Sqrt(3)) // uniform on [-amp, amp] has this sigma
	state := seed | 1
	for y := range h {
		sy := min(y*m.H/h, m.H-1)
		for x := range w {
			sx := min(x*m.W/w, m.W-1)
			si, di := 3*(sy*m.W+sx), 3*(y*w+x)
			for c := range 3 {
				state ^= state << 13
				state ^= state >> 7
				state ^= state << 17
				v := int(m.Pix[si+c]) + int(state%uint64(2*amp+1)) - amp
				out.Pix[di+c] = uint8(min(max(v, 0), 255))
			}
		}
	}
	return out
}

func flatPhoto(w, h int) *vision.RGB {
	m := vision.NewRGB(w, h)
	for y := range h {
		for x := range w {
			i := 3 * (y*w + x)
			m.Pix[i], m.Pix[i+1], m.Pix[i+2] = uint8(60+120*x/w), uint8(80+100*y/h), 150
		}
	}
	return m
}

// textPhoto is a white page covered in lines of dark glyph-like strokes
// of a few pixel sizes, with faint paper noise.
func textPhoto(w, h int, seed int64) *vision.RGB {
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
				for k := 0; k < 3; k++ { // a few strokes per glyph
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

// exifAPP1 builds an APP1 Exif segment (marker included) in byte order bo
// with IFD0 holding orientation (when 1..8), Make "TestCam", a GPS IFD
// with a latitude, and an Exif IFD with a maker note: what a phone writes
// and what must not survive.
func exifAPP1(bo binary.ByteOrder, orientation int) []byte {
	type ent struct {
		tag, typ uint16
		count    uint32
		val      uint32
	}
	var tiff bytes.Buffer
	if bo == binary.LittleEndian {
		tiff.WriteString("II*\x00")
	} else {
		tiff.WriteString("MM\x00*")
	}
	put32 := func(v uint32) { _ = binary.Write(&tiff, bo, v) }
	put16 := func(v uint16) { _ = binary.Write(&tiff, bo, v) }
	put32(8)
	// IFD0 at 8: up to 4 entries; data after it.
	ifd0 := []ent{{0x010F, 2, 8, 0}} // Make, value offset filled below
	if orientation >= 1 && orientation <= 8 {
		ifd0 = append(ifd0, ent{0x0112, 3, 1, uint32(orientation)})
	}
	ifd0 = append(ifd0, ent{0x8769, 4, 1, 0}, ent{0x8825, 4, 1, 0})
	ifd0Size := 2 + 12*len(ifd0) + 4
	makeAt := uint32(8 + ifd0Size)
	exifAt := makeAt + 8
	exifSize := uint32(2 + 12 + 4)
	noteAt := exifAt + exifSize
	gpsAt := noteAt + 16
	for i := range ifd0 {
		switch ifd0[i].tag {
		case 0x010F:
			ifd0[i].val = makeAt
		case 0x8769:
			ifd0[i].val = exifAt
		case 0x8825:
			ifd0[i].val = gpsAt
		}
	}
	writeIFD := func(es []ent) {
		put16(uint16(len(es)))
		for _, e := range es {
			put16(e.tag)
			put16(e.typ)
			put32(e.count)
			if e.typ == 3 && e.count == 1 {
				put16(uint16(e.val))
				put16(0)
			} else {
				put32(e.val)
			}
		}
		put32(0)
	}
	writeIFD(ifd0)
	tiff.WriteString("TestCam\x00")
	writeIFD([]ent{{0x927C, 7, 16, noteAt}})
	tiff.WriteString("SECRET-SERIAL-42")
	writeIFD([]ent{{0x0001, 2, 2, uint32('N')}}) // GPSLatitudeRef "N" inline
	body := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	return append([]byte{0xFF, 0xE1, byte((len(body) + 2) >> 8), byte(len(body) + 2)}, body...)
}

// withSegments inserts segments right after the SOI of a JPEG.
func withSegments(jpg []byte, segs ...[]byte) []byte {
	out := append([]byte{}, jpg[:2]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, jpg[2:]...)
}

// appSegment builds a marker segment with the given payload.
func appSegment(marker byte, payload string) []byte {
	n := len(payload) + 2
	return append([]byte{0xFF, marker, byte(n >> 8), byte(n)}, payload...)
}

// encodeTest encodes an RGB image at quality q with image/jpeg.
func encodeTest(t testing.TB, m *vision.RGB, q int) []byte {
	t.Helper()
	b, err := StdEncoder{}.Encode(m.Image(), q)
	require.NoError(t, err)
	return b
}

package preflight

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/idpreflight/idpreflight/internal/synth"
)

// fuzzMaxPixels keeps a fuzzed header from asking for a large allocation:
// the fuzzer should find decoder bugs, not the machine's memory size.
const fuzzMaxPixels = 1 << 18

// sentinels are the errors Check may return for bad input.
var sentinels = []error{ErrEmpty, ErrUnsupportedFormat, ErrCorrupt, ErrTooLarge}

func wrapsSentinel(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// addSeeds seeds a fuzz target with the small committed inputs and every
// crafted bad input. The images are tiny on purpose: the fuzzer minimises
// every interesting input, which is slow on large ones.
func addSeeds(f *testing.F) {
	src := synth.NewScene(24, 16, synth.Clutter, 1).Img
	f.Add(mustJPEG(f, src, 75))
	f.Add(png16(f, src))
	f.Add(gifBytes(f, src))
	for _, name := range []string{"cmyk.jpg", "progressive.jpg"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "inputs", name))
		if err == nil {
			f.Add(b)
		}
	}
	for _, b := range badInputs(f) {
		f.Add(b.data)
	}
}

func FuzzDecode(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := decodeBytes(data, fuzzMaxPixels, newEngine())
		if err != nil {
			if !wrapsSentinel(err) {
				t.Fatalf("error without a sentinel: %v", err)
			}
			return
		}
		if d.rgb.W <= 0 || d.rgb.H <= 0 || len(d.rgb.Pix) != 3*d.rgb.W*d.rgb.H {
			t.Fatalf("decoded %dx%d with %d bytes", d.rgb.W, d.rgb.H, len(d.rgb.Pix))
		}
		if d.orientation < 1 || d.orientation > 8 {
			t.Fatalf("orientation %d", d.orientation)
		}
	})
}

func FuzzCheck(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := Check(context.Background(), data, WithMaxPixels(fuzzMaxPixels))
		if err != nil {
			if !wrapsSentinel(err) {
				t.Fatalf("error without a sentinel: %v", err)
			}
			return
		}
		if rep.Issues == nil || rep.Valid != (rep.ErrorCode == 0) {
			t.Fatalf("inconsistent report: valid=%v code=%v issues=%v", rep.Valid, rep.ErrorCode, rep.Issues)
		}
	})
}

func FuzzReadJPEGFacts(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		facts := readJPEGFacts(data)
		if facts.orientation < 1 || facts.orientation > 8 {
			t.Fatalf("orientation %d", facts.orientation)
		}
	})
}

// FuzzDecodeCoefs feeds the DCT path's coefficient decoder: it must
// refuse bad data with errHuffman or ErrTooLarge, never panic, and what
// it reads must write back, turned too, into a JPEG it reads again.
func FuzzDecodeCoefs(f *testing.F) {
	addSeeds(f)
	for _, name := range []string{"s444.jpg", "s422.jpg", "gray.jpg", "odd.jpg", "restart.jpg"} {
		if b, err := os.ReadFile(filepath.Join("..", "testdata", "inputs", name)); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := decodeCoefs(data, fuzzMaxPixels)
		if err != nil {
			if !errors.Is(err, errHuffman) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("error without a sentinel: %v", err)
			}
			return
		}
		for _, o := range []int{1, 6} {
			u, ok := c.transform(o)
			if !ok {
				continue
			}
			tables, err := u.tablesAt(qualityMille(70))
			if err != nil {
				continue // 16-bit input tables
			}
			out, _ := u.encode(tables, u.count(tables), nil)
			if _, err := decodeCoefs(out, fuzzMaxPixels); err != nil {
				t.Fatalf("orientation %d: the output does not read back: %v", o, err)
			}
		}
		// The scaled path: decoded at m/8, turned, transformed and
		// written, it must read back too, at the scaled size.
		if _, ok := c.subsampleRatio(); !ok {
			return
		}
		for _, m := range []int{1, 3, 8} {
			s, err := c.scaledUpright(m, 6, false)
			if err != nil {
				t.Fatalf("%d/8: %v", m, err)
			}
			if s.scan.width != ceilDiv(c.scan.height*m, 8) || s.scan.height != ceilDiv(c.scan.width*m, 8) {
				t.Fatalf("%d/8 of %d×%d turned is %d×%d", m, c.scan.width, c.scan.height, s.scan.width, s.scan.height)
			}
			out, _ := s.encode(s.quant, s.count(s.quant), nil)
			if _, err := decodeCoefs(out, fuzzMaxPixels); err != nil {
				t.Fatalf("%d/8: the output does not read back: %v", m, err)
			}
		}
	})
}

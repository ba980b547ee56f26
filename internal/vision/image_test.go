package vision

import (
	"image"
	"image/color"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// reference converts with At() per pixel, composited over white: the slow
// definition every fast path must match.
func reference(img image.Image) *RGB {
	b := img.Bounds()
	out := NewRGB(b.Dx(), b.Dy())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			p := overWhite(img.At(x, y))
			i := 3 * ((y-b.Min.Y)*out.W + x - b.Min.X)
			out.Pix[i], out.Pix[i+1], out.Pix[i+2] = p[0], p[1], p[2]
		}
	}
	return out
}

func randomBytes(rng *rand.Rand, b []uint8) {
	for i := range b {
		b[i] = uint8(rng.IntN(256))
	}
}

// maxDiff is the largest per-channel difference between two images.
func maxDiff(a, b *RGB) int {
	if a.W != b.W || a.H != b.H {
		return 1 << 30
	}
	d := 0
	for i := range a.Pix {
		d = max(d, int(a.Pix[i])-int(b.Pix[i]), int(b.Pix[i])-int(a.Pix[i]))
	}
	return d
}

func TestFromImageMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	r := image.Rect(0, 0, 23, 17)
	sub := image.Rect(3, 5, 20, 16) // odd origin: chroma phase and strides matter

	type convCase struct {
		name string
		img  image.Image
		tol  int // largest per-channel difference allowed
	}
	var cases []convCase
	add := func(name string, img image.Image, tol int) { cases = append(cases, convCase{name, img, tol}) }
	for _, ratio := range []image.YCbCrSubsampleRatio{
		image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422, image.YCbCrSubsampleRatio420,
		image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio411, image.YCbCrSubsampleRatio410,
	} {
		m := image.NewYCbCr(r, ratio)
		randomBytes(rng, m.Y)
		randomBytes(rng, m.Cb)
		randomBytes(rng, m.Cr)
		add("ycbcr "+ratio.String(), m, 0)
		add("ycbcr sub "+ratio.String(), m.SubImage(sub), 0)
	}
	g := image.NewGray(r)
	randomBytes(rng, g.Pix)
	add("gray", g, 0)
	add("gray sub", g.SubImage(sub), 0)
	g16 := image.NewGray16(r)
	randomBytes(rng, g16.Pix)
	add("gray16", g16, 0)
	cm := image.NewCMYK(r)
	randomBytes(rng, cm.Pix)
	add("cmyk", cm, 1)
	add("cmyk sub", cm.SubImage(sub), 1)
	nr := image.NewNRGBA(r)
	randomBytes(rng, nr.Pix)
	add("nrgba", nr, 1)
	n64 := image.NewNRGBA64(r)
	randomBytes(rng, n64.Pix)
	add("nrgba64", n64, 2)
	// Premultiplied images need c <= a.
	rgba := image.NewRGBA(r)
	r64 := image.NewRGBA64(r)
	for y := range r.Dy() {
		for x := range r.Dx() {
			a := uint8(rng.IntN(256))
			c := color.RGBA{uint8(rng.IntN(int(a) + 1)), uint8(rng.IntN(int(a) + 1)), uint8(rng.IntN(int(a) + 1)), a}
			rgba.SetRGBA(x, y, c)
			r64.Set(x, y, c)
		}
	}
	add("rgba", rgba, 1)
	add("rgba sub", rgba.SubImage(sub), 1)
	add("rgba64", r64, 1)
	pal := image.NewPaletted(r, color.Palette{color.Black, color.White, color.NRGBA{200, 10, 10, 128}})
	for i := range pal.Pix {
		pal.Pix[i] = uint8(rng.IntN(3))
	}
	add("paletted", pal, 0)
	alpha := image.NewAlpha(r)
	randomBytes(rng, alpha.Pix)
	add("alpha (pixel path)", alpha, 1)
	nya := image.NewNYCbCrA(r, image.YCbCrSubsampleRatio420)
	randomBytes(rng, nya.Y)
	randomBytes(rng, nya.Cb)
	randomBytes(rng, nya.Cr)
	randomBytes(rng, nya.A)
	add("nycbcra (pixel path)", nya, 1)
	add("nycbcra sub (pixel path)", nya.SubImage(sub), 1)

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, want := FromImage(tc.img), reference(tc.img)
			assert.LessOrEqual(t, maxDiff(got, want), tc.tol)
		})
	}
}

func BenchmarkFromYCbCr12MP(b *testing.B) {
	m := image.NewYCbCr(image.Rect(0, 0, 4000, 3000), image.YCbCrSubsampleRatio420)
	b.ReportAllocs()
	for b.Loop() {
		FromImage(m)
	}
}

func TestGrayIntoReusesDst(t *testing.T) {
	img := noisyRGB(30, 20, [3]uint8{200, 100, 30}, 40, 2)
	for _, tc := range []struct {
		name  string
		dst   *Gray
		reuse bool
	}{
		{"nil dst", nil, false},
		{"larger dst with stale pixels", &Gray{W: 40, H: 40, Pix: make([]uint8, 1600)}, true},
		{"smaller dst", NewGray(2, 2), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var old *uint8 // the array dst held before the call
			if tc.dst != nil {
				old = &tc.dst.Pix[0]
			}
			got := img.GrayInto(tc.dst)
			assert.Equal(t, img.Gray(), got)
			assert.Equal(t, tc.reuse, &got.Pix[0] == old, "buffer reused")
		})
	}
}

func TestFromRGBA(t *testing.T) {
	// Bytes 0, 1, 2, … so every channel of every pixel differs; alpha
	// (every fourth byte) must not reach the output.
	seq := func(n int) []uint8 {
		p := make([]uint8, n)
		for i := range p {
			p[i] = uint8(i)
		}
		return p
	}
	want := func(w, h int) []uint8 {
		src, out := seq(4*w*h+8), make([]uint8, 0, 3*w*h)
		for i := 0; i < 4*w*h; i += 4 {
			out = append(out, src[i], src[i+1], src[i+2])
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		w, h  int
		extra int // bytes after the frame, ignored
		dst   *RGB
	}{
		{"one pixel", 1, 1, 0, nil},
		{"two pixels", 2, 1, 0, nil},
		{"odd size", 3, 5, 0, nil},
		{"trailing bytes", 4, 2, 8, nil},
		{"reused larger dst", 3, 3, 0, noisyRGB(8, 8, [3]uint8{9, 9, 9}, 5, 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := FromRGBA(tc.dst, seq(4*tc.w*tc.h+tc.extra), tc.w, tc.h)
			assert.Equal(t, tc.w, got.W)
			assert.Equal(t, tc.h, got.H)
			assert.Equal(t, want(tc.w, tc.h), got.Pix)
		})
	}
}

// BenchmarkFromRGBA640x480 is the live frame's conversion (run it under
// GOOS=js GOARCH=wasm too, where it is one of the costlier steps).
func BenchmarkFromRGBA640x480(b *testing.B) {
	rgba := make([]uint8, 4*640*480)
	for i := range rgba {
		rgba[i] = uint8(i * 7)
	}
	var dst *RGB
	b.ReportAllocs()
	for b.Loop() {
		dst = FromRGBA(dst, rgba, 640, 480)
	}
}

func TestChromaDivisorsMatchImageYCbCr(t *testing.T) {
	ratios := []image.YCbCrSubsampleRatio{
		image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422, image.YCbCrSubsampleRatio420,
		image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio411, image.YCbCrSubsampleRatio410,
	}
	for _, r := range ratios {
		t.Run(r.String(), func(t *testing.T) {
			// Odd sizes: the image package rounds the chroma planes up.
			m := image.NewYCbCr(image.Rect(0, 0, 37, 23), r)
			h, v := ChromaDivisors(r)
			assert.Equal(t, (37+h-1)/h, m.CStride)
			assert.Equal(t, (37+h-1)/h*((23+v-1)/v), len(m.Cb))
			// The pixel at (36, 22) reads chroma sample (36/h, 22/v).
			assert.Equal(t, 22/v*m.CStride+36/h, m.COffset(36, 22))
		})
	}
}

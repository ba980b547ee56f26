package preflight

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// lumaOf decodes data with image/jpeg and returns its luma plane.
func lumaOf(t testing.TB, data []byte) *vision.Gray {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	y, ok := img.(*image.YCbCr)
	require.True(t, ok, "a colour JPEG decodes to YCbCr")
	return planeGray(y.Y, y.YStride, y.Rect.Dx(), y.Rect.Dy())
}

// planeGray copies a w×h plane at stride into a Gray.
func planeGray(pix []uint8, stride, w, h int) *vision.Gray {
	g := vision.NewGray(w, h)
	for y := range h {
		copy(g.Pix[y*w:(y+1)*w], pix[y*stride:])
	}
	return g
}

// psnrGray is the PSNR of two planes of one size in dB (100 when equal).
func psnrGray(a, b *vision.Gray) float64 {
	var se float64
	for i, v := range a.Pix {
		d := float64(v) - float64(b.Pix[i])
		se += d * d
	}
	if se == 0 {
		return 100
	}
	return 10 * math.Log10(255*255*float64(len(a.Pix))/se)
}

// colourCoefInputs are the inputs of coefInputs in the layouts
// scaledPlanes reads (YCbCr 4:2:0, 4:2:2, 4:4:4), with their size.
func colourCoefInputs(t testing.TB) []coefInput {
	t.Helper()
	var out []coefInput
	for _, in := range coefInputs(t) {
		c, err := decodeCoefs(in.data, DefaultMaxPixels)
		require.NoError(t, err, in.name)
		if _, ok := c.subsampleRatio(); ok {
			out = append(out, in)
		}
	}
	require.GreaterOrEqual(t, len(out), 5, "4:2:0, 4:2:2, 4:4:4, odd sizes and restarts")
	return out
}

func TestScaledPlanesSize(t *testing.T) {
	for _, in := range colourCoefInputs(t) {
		c, err := decodeCoefs(in.data, DefaultMaxPixels)
		require.NoError(t, err)
		for m := 1; m <= 8; m++ {
			t.Run(fmt.Sprintf("%s at %d/8", in.name, m), func(t *testing.T) {
				p, err := c.scaledPlanes(m)
				require.NoError(t, err)
				// libjpeg's rounding of a scaled output: up.
				w, h := (c.scan.width*m+7)/8, (c.scan.height*m+7)/8
				assert.Equal(t, image.Rect(0, 0, w, h), p.Rect)
				cw, ch := chromaSize(p)
				assert.GreaterOrEqual(t, len(p.Y), (h-1)*p.YStride+w)
				assert.GreaterOrEqual(t, len(p.Cb), (ch-1)*p.CStride+cw)
				assert.Len(t, p.Cr, len(p.Cb))
			})
		}
	}
}

// TestScaledPlanesMatchDecode: at 8/8 the float transform gives
// image/jpeg's pixels within rounding; below, the low frequencies alone
// give the area-averaged decode within what the other filter changes:
// 25.5 dB at worst on the text page (edges ring differently) and on a
// 157-pixel width at 2/8 (40 pixels, not 39.25: the last column covers
// padding). A block misplaced or a scale wrong falls under 15 dB.
func TestScaledPlanesMatchDecode(t *testing.T) {
	for _, in := range colourCoefInputs(t) {
		c, err := decodeCoefs(in.data, DefaultMaxPixels)
		require.NoError(t, err)
		full := lumaOf(t, in.data)
		for _, tt := range []struct {
			m       int
			minPSNR float64
		}{{8, 45}, {6, 24}, {4, 24}, {2, 24}} {
			t.Run(fmt.Sprintf("%s at %d/8", in.name, tt.m), func(t *testing.T) {
				p, err := c.scaledPlanes(tt.m)
				require.NoError(t, err)
				got := planeGray(p.Y, p.YStride, p.Rect.Dx(), p.Rect.Dy())
				want := vision.ResizeAreaPlane(full.Pix, full.W, full.H, full.W, got.W, got.H)
				assert.GreaterOrEqual(t, psnrGray(want, got), tt.minPSNR)
			})
		}
	}
}

// TestScaledDCIsTheBlockMean: at 1/8 each pixel is its block's mean.
func TestScaledDCIsTheBlockMean(t *testing.T) {
	data := encodeTest(t, photo(t, contentScene, 320, 240, 5), 90)
	c, err := decodeCoefs(data, DefaultMaxPixels)
	require.NoError(t, err)
	p, err := c.scaledPlanes(1)
	require.NoError(t, err)
	full := lumaOf(t, data)
	require.Equal(t, [2]int{40, 30}, [2]int{p.Rect.Dx(), p.Rect.Dy()})
	for by := range 30 {
		for bx := range 40 {
			var sum float64
			for y := range 8 {
				for x := range 8 {
					sum += float64(full.Pix[(by*8+y)*full.W+bx*8+x])
				}
			}
			assert.InDelta(t, sum/64, float64(p.Y[by*p.YStride+bx]), 1.5, "block (%d,%d)", bx, by)
		}
	}
}

func TestScaledPlanesRefuses(t *testing.T) {
	colour, err := decodeCoefs(encodeTest(t, quadrants(64, 48), 90), DefaultMaxPixels)
	require.NoError(t, err)
	grey, err := decodeCoefs(readFixture(t, "inputs/gray.jpg"), DefaultMaxPixels)
	require.NoError(t, err)
	tests := []struct {
		name string
		c    *coefImage
		m    int
		want error
	}{
		{"scale 0/8", colour, 0, ErrInvalidOption},
		{"scale 9/8", colour, 9, ErrInvalidOption},
		{"one component", grey, 4, errHuffman},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.c.scaledPlanes(tt.m)
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

func BenchmarkScaledPlanes12MP(b *testing.B) {
	c, err := decodeCoefs(encodeTest(b, photo(b, contentScene, 4000, 3000, 1), 95), DefaultMaxPixels)
	require.NoError(b, err)
	for _, m := range []int{1, 4, 6, 7} {
		b.Run(fmt.Sprintf("%d/8", m), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.scaledPlanes(m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestLowBlockIsTheFullTransform: a block whose coefficients end within
// the 3×3 corner decodes through lowBlock to the pixels the full sums
// give (the same block with its end one later), bit for bit, at every
// scale.
func TestLowBlockIsTheFullTransform(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	q := randomSteps(rng, 40)
	eachScale(t, func(t *testing.T, m int, tr *scaledIDCT) {
		for range 200 {
			blk := make([]int16, 64)
			for k := range lowEnd {
				blk[k] = int16(rng.IntN(401) - 200)
			}
			low, full := make([]uint8, m*m), make([]uint8, m*m)
			tr.block(blk, lowEnd, allCoefs, &q, low, m)
			tr.block(blk, lowEnd+1, allCoefs, &q, full, m)
			require.Equal(t, full, low)
		}
	})
}

// randomSteps are random quantisation steps 1..top, as floats.
func randomSteps(rng *rand.Rand, top int) [64]float32 {
	var q [64]float32
	for k := range q {
		q[k] = float32(1 + rng.IntN(top))
	}
	return q
}

// eachScale runs body as a subtest at every scale m/8 from 2/8 on.
func eachScale(t *testing.T, body func(t *testing.T, m int, tr *scaledIDCT)) {
	for m := 2; m <= 8; m++ {
		t.Run(fmt.Sprintf("m%d", m), func(t *testing.T) { body(t, m, newScaledIDCT(m)) })
	}
}

// allCoefs is a coefComp.nz mask that makes block read every coefficient
// of the corner and run every pass: the plain transform the masked one
// must equal.
const allCoefs = ^uint64(0)

// TestBlockReadsOnlyTheMask: a block decoded through its exact mask of
// non-zero coefficients (the rows and columns of zeros left out, the
// 7-point passes over three inputs at most through idct7Low) gives the
// pixels of the full transform bit for bit, at every scale, for blocks
// whose coefficients reach any row and column.
func TestBlockReadsOnlyTheMask(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 19))
	q := randomSteps(rng, 30)
	eachScale(t, func(t *testing.T, _ int, tr *scaledIDCT) {
		for i := range 3000 {
			// Coefficients within rows < rv and columns < cu.
			rv, cu := 1+rng.IntN(8), 1+rng.IntN(8)
			blk := make([]int16, 64)
			nz, end := uint64(1), 1
			blk[0] = int16(rng.IntN(2001) - 1000)
			for range 1 + rng.IntN(12) {
				n := rng.IntN(rv)*8 + rng.IntN(cu)
				k := unzigzag(n)
				if k == 0 {
					continue
				}
				blk[k] = int16(rng.IntN(401) - 200)
				if blk[k] != 0 {
					nz |= 1 << uint(k)
					end = max(end, k+1)
				}
			}
			masked, full := make([]uint8, 8*9), make([]uint8, 8*9)
			tr.block(blk, end, nz, &q, masked, 9)
			tr.block(blk, end, allCoefs, &q, full, 9)
			require.Equal(t, full, masked, "block %d: rows < %d, columns < %d", i, rv, cu)
		}
	})
}

// unzigzag is the zig-zag index of natural index n.
func unzigzag(n int) int {
	for k, z := range zigzag {
		if z == n {
			return k
		}
	}
	panic("not a natural index")
}

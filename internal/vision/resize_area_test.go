package vision

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestResizeArea(t *testing.T) {
	// A 4×2 image: left half black, right half white, red channel only
	// carries x.
	src := NewRGB(4, 2)
	for y := range 2 {
		for x := range 4 {
			v := uint8(0)
			if x >= 2 {
				v = 255
			}
			i := 3 * (y*4 + x)
			src.Pix[i], src.Pix[i+1], src.Pix[i+2] = uint8(x*10), v, v
		}
	}
	tests := []struct {
		name string
		w, h int
		want []uint8
	}{
		{"halve both axes", 2, 1, []uint8{5, 0, 0, 25, 255, 255}},
		{"to one pixel", 1, 1, []uint8{15, 128, 128}},
		{"fractional 4 to 3 columns", 3, 2, []uint8{
			3, 0, 0, 15, 128, 128, 28, 255, 255,
			3, 0, 0, 15, 128, 128, 28, 255, 255,
		}},
		{"no upsampling", 8, 4, src.Pix},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ResizeArea(src, tt.w, tt.h)
			assert.Equal(t, tt.want, got.Pix)
		})
	}
}

func TestResizeAreaKeepsMean(t *testing.T) {
	src := NewRGB(97, 61)
	var sum float64
	for i := range src.Pix {
		src.Pix[i] = uint8((i*37 + i/5) % 256)
		sum += float64(src.Pix[i])
	}
	for _, size := range [][2]int{{50, 30}, {13, 61}, {97, 7}, {31, 29}} {
		out := ResizeArea(src, size[0], size[1])
		require.Equal(t, 3*size[0]*size[1], len(out.Pix))
		var s float64
		for _, v := range out.Pix {
			s += float64(v)
		}
		assert.InDelta(t, sum/float64(len(src.Pix)), s/float64(len(out.Pix)), 0.6, "size %v", size)
	}
}

func BenchmarkResizeArea12MP(b *testing.B) {
	src := NewRGB(4000, 3000)
	for i := range src.Pix {
		src.Pix[i] = uint8(i)
	}
	b.ReportAllocs()
	for b.Loop() {
		ResizeArea(src, 2600, 1950)
	}
}

func TestResizeAreaPlaneMatchesResizeArea(t *testing.T) {
	// A 7×5 plane inside rows of stride 9; the RGB image carries the
	// same samples in its red channel.
	const w, h, stride = 7, 5, 9
	pix := make([]uint8, stride*h)
	rgb := NewRGB(w, h)
	for y := range h {
		for x := range stride {
			pix[y*stride+x] = 255 // padding, never read
			if x < w {
				v := uint8((x*53 + y*91) % 256)
				pix[y*stride+x], rgb.Pix[3*(y*w+x)] = v, v
			}
		}
	}
	for _, size := range [][2]int{{7, 5}, {3, 2}, {4, 5}, {1, 1}, {9, 9}} {
		got := ResizeAreaPlane(pix, w, h, stride, size[0], size[1])
		want := ResizeArea(rgb, size[0], size[1])
		require.Equal(t, want.W, got.W, "size %v", size)
		require.Equal(t, want.H, got.H, "size %v", size)
		for i, v := range got.Pix {
			assert.Equal(t, want.Pix[3*i], v, "size %v sample %d", size, i)
		}
	}
}

func BenchmarkResizeAreaPlane12MP(b *testing.B) {
	pix := make([]uint8, 4000*3000)
	for i := range pix {
		pix[i] = uint8(i)
	}
	b.ReportAllocs()
	for b.Loop() {
		ResizeAreaPlane(pix, 4000, 3000, 4000, 2600, 1950)
	}
}

// TestResampleRowIsThePlainSum holds the unchecked row resampling to
// the plain indexed loop it replaces, to the bit: the detector's working
// copy, and with it every verdict, depends on these sums.
func TestResampleRowIsThePlainSum(t *testing.T) {
	plain := func(tab areaTable, src []uint8, n int) []float32 {
		dst := make([]float32, n*len(tab.first))
		for x := range tab.first {
			for c := range n {
				var v float32
				p := src[n*tab.first[x]:]
				for k, wt := range tab.weights[tab.offset[x] : tab.offset[x]+tab.count[x]] {
					v += wt * float32(p[n*k+c])
				}
				dst[n*x+c] = v
			}
		}
		return dst
	}
	tests := []struct {
		name    string
		in, out int
		n       int
	}{
		{"2.5 to 1, colour", 2000, 800, 3},
		{"2.5 to 1, grey", 2000, 800, 1},
		{"integer ratio", 640, 213, 3},
		{"odd sizes", 97, 13, 3},
		{"to one column", 31, 1, 1},
		{"same size", 50, 50, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := make([]uint8, tc.n*tc.in)
			for i := range src {
				src[i] = uint8((i*131 + i/7) % 256)
			}
			tab := areaWeights(tc.in, tc.out)
			got := make([]float32, tc.n*tc.out)
			tab.resampleRow(got, src, tc.n)
			assert.Equal(t, plain(tab, src, tc.n), got)
		})
	}
	assert.Panics(t, func() {
		areaWeights(10, 5).resampleRow(make([]float32, 15), make([]uint8, 29), 3)
	}, "a short row is refused before any unchecked read")
}

// TestResizeAreaBandsKeepTheBytes: resized in two bands of output rows,
// split anywhere (on an input row's boundary or inside a row shared by
// two output rows), an image gets the bytes of the whole resize, for grey
// and RGB, integer and fractional ratios and padded rows.
func TestResizeAreaBandsKeepTheBytes(t *testing.T) {
	for _, tc := range []struct {
		name         string
		sw, sh, w, h int
		n, stridePad int
		splits       []int
	}{
		{"rgb halved", 64, 48, 32, 24, 3, 0, []int{1, 12, 23}},
		{"rgb 2.5x", 100, 75, 40, 30, 3, 0, []int{1, 7, 15, 29}},
		{"rgb 1.37x", 137, 97, 100, 71, 3, 0, []int{1, 35, 36, 70}},
		{"grey thirds, padded rows", 90, 91, 30, 13, 1, 5, []int{1, 6, 12}},
		{"grey one column", 17, 300, 1, 7, 1, 0, []int{1, 3, 6}},
		{"rgb two rows", 50, 41, 25, 2, 3, 2, []int{1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stride := tc.n*tc.sw + tc.stridePad
			src := make([]uint8, stride*tc.sh)
			for i := range src {
				src[i] = uint8((i*131 + i/7*17) % 251)
			}
			resize := func() areaResize {
				return areaResize{dst: make([]uint8, tc.n*tc.w*tc.h), w: tc.w, h: tc.h, src: src, sw: tc.sw, sh: tc.sh,
					stride: stride, n: tc.n, tx: areaWeights(tc.sw, tc.w)}
			}
			whole := resize()
			whole.rows(0, 0, 0, tc.h)
			for _, split := range tc.splits {
				banded := resize()
				banded.inBands(split)
				require.Equal(t, whole.dst, banded.dst, "split at output row %d", split)
			}
		})
	}
}

// TestResizeAreaLargeKeepsTheBytes: the exported resize of an input large
// enough for two bands gives the one-band bytes.
func TestResizeAreaLargeKeepsTheBytes(t *testing.T) {
	src := NewRGB(1500, 1000)
	for i := range src.Pix {
		src.Pix[i] = uint8((i*29 + i/4500*7) % 253)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	w, h := 611, 407
	got := ResizeArea(src, w, h)
	want := areaResize{dst: make([]uint8, 3*w*h), w: w, h: h, src: src.Pix, sw: src.W, sh: src.H, stride: 3 * src.W, n: 3, tx: areaWeights(src.W, w)}
	want.rows(0, 0, 0, h)
	assert.Equal(t, want.dst, got.Pix)
}

func TestResizeBands(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	two := 2
	if runtime.GOARCH == "wasm" {
		two = 1 // one goroutine
	}
	for _, tc := range []struct {
		name              string
		inPixels, outRows int
		want              int
	}{
		{"12 MP to the working copy", 4000 * 3000, 600, two},
		{"just a megapixel", bandMinPixels, 100, two},
		{"below a megapixel", bandMinPixels - 1, 100, 1},
		{"one output row", 4000 * 3000, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, resizeBands(tc.inPixels, tc.outRows))
		})
	}
	runtime.GOMAXPROCS(1)
	assert.Equal(t, 1, resizeBands(4000*3000, 600), "one core: one band")
}

// TestResizeAreaBandPanicOnCaller: a band that panics (here on a source
// too short for its rows) panics on the caller's goroutine, whether it
// ran there or on the second one (the caller's band is then empty).
func TestResizeAreaBandPanicOnCaller(t *testing.T) {
	r := areaResize{dst: make([]uint8, 10*10), w: 10, h: 10, src: make([]uint8, 20*2), sw: 20, sh: 20, stride: 20, n: 1, tx: areaWeights(20, 10)}
	for _, split := range []int{5, 10} {
		assert.Panics(t, func() { r.inBands(split) }, "split at %d", split)
	}
}

package preflight

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

func TestOptimizeHuffmanIsLossless(t *testing.T) {
	scene := photo(t, contentScene, 640, 480, 1)
	gray := image.NewGray(image.Rect(0, 0, 203, 97))
	for i := range gray.Pix {
		gray.Pix[i] = uint8(i * 7 % 251)
	}
	tests := []struct {
		name string
		img  image.Image
		q    int
	}{
		{"scene q90", scene.Image(), 90},
		{"scene q30", scene.Image(), 30},
		{"noisy q75", photo(t, contentNoisy, 333, 211, 2).Image(), 75},
		{"text q60", photo(t, contentText, 500, 400, 3).Image(), 60},
		{"flat q95", photo(t, contentFlat, 257, 129, 4).Image(), 95},
		{"grey, one component", gray, 80},
		{"one pixel", image.NewRGBA(image.Rect(0, 0, 1, 1)), 50},
		{"4:2:0 planes", planesImage(t, scene), 85},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, jpeg.Encode(&buf, tt.img, &jpeg.Options{Quality: tt.q}))
			in := buf.Bytes()
			out, err := optimizeHuffman(in)
			require.NoError(t, err)
			assert.Less(t, len(out), len(in), "fitted tables code the same symbols in fewer bytes")
			a, err := jpeg.Decode(bytes.NewReader(in))
			require.NoError(t, err)
			b, err := jpeg.Decode(bytes.NewReader(out))
			require.NoError(t, err)
			assert.Equal(t, a, b, "the same image, bit for bit")
		})
	}
}

func planesImage(t *testing.T, m *vision.RGB) *image.YCbCr {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(encodeTest(t, m, 95)))
	require.NoError(t, err)
	return img.(*image.YCbCr)
}

func TestOptimizeHuffmanRefusesWhatItCannotRead(t *testing.T) {
	bad, _ := unreadableScans(t)
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := optimizeHuffman(tt.data)
			assert.ErrorIs(t, err, errHuffman)
		})
	}
}

func TestOptimalTableIsAValidPrefixCode(t *testing.T) {
	var skewed, flat, single [257]int
	for i := range 256 {
		skewed[i] = 1 << (i % 24) // lengths past 16 must be folded back
		flat[i] = 1000
	}
	single[7] = 1
	for _, freq := range []*[257]int{&skewed, &flat, &single} {
		tb := optimalTable(freq)
		require.NoError(t, tb.build())
		kraft := 0.0
		for l, c := range tb.counts {
			kraft += float64(c) / float64(int(1)<<(l+1))
		}
		assert.Less(t, kraft, 1.0, "one code point stays free (no all-ones code)")
		n := 0
		for s, f := range freq[:256] {
			if f > 0 {
				n++
				assert.NotZero(t, tb.size[s], "symbol %d has a code", s)
			}
		}
		assert.Len(t, tb.symbols, n)
	}
}

func BenchmarkOptimizeHuffman12MP(b *testing.B) {
	var buf bytes.Buffer
	require.NoError(b, jpeg.Encode(&buf, photo(b, contentScene, 4000, 3000, 1).Image(), &jpeg.Options{Quality: 88}))
	b.ReportAllocs()
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		if _, err := optimizeHuffman(buf.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
}

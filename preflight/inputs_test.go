package preflight

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// Crafted inputs shared by the decode, fuzz and check tests. Each is
// built from internal/synth or from bytes written here, never from
// outside images.

// smallScene is a 160×100 scene with an ID-1 card: asymmetric content
// that every orientation and format test can compare against.
func smallScene(t testing.TB) *vision.RGB {
	t.Helper()
	s := synth.NewScene(160, 100, synth.Gradient, 3)
	doc := synth.NewDocument(synth.ID1, 3)
	q := synth.Pose{Center: vision.Point{X: 70, Y: 45}, Width: 100, Roll: 8}.Quad(doc.Aspect())
	require.NoError(t, s.Place(doc, q, 0.3))
	return s.Img
}

func mustJPEG(t testing.TB, m *vision.RGB, q int) []byte {
	t.Helper()
	b, err := synth.EncodeJPEG(m, q)
	require.NoError(t, err)
	return b
}

func randomBytes(seed uint64, n int) []byte {
	rng := rand.New(rand.NewPCG(seed, 1))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.IntN(256))
	}
	b[0] = 0 // never a magic number by chance
	return b
}

// png16, pngAlpha and gifBytes wrap the synth encoders for tests.
func png16(t testing.TB, m *vision.RGB) []byte {
	t.Helper()
	b, err := synth.EncodePNG16(m)
	require.NoError(t, err)
	return b
}

// pngAlpha has a transparent band 10 columns wide on the left.
func pngAlpha(t testing.TB, m *vision.RGB) (data []byte, overWhite *vision.RGB) {
	t.Helper()
	data, overWhite, err := synth.EncodePNGAlpha(m, 10)
	require.NoError(t, err)
	return data, overWhite
}

func gifBytes(t testing.TB, m *vision.RGB) []byte {
	t.Helper()
	b, err := synth.EncodeGIF(m)
	require.NoError(t, err)
	return b
}

// readFixture reads a committed file under the repository's testdata.
func readFixture(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", rel))
	require.NoError(t, err, "fixture %s (regenerate: go generate ./preflight)", rel)
	return b
}

// meanAbsDiff is the mean absolute per-channel difference.
func meanAbsDiff(a, b *vision.RGB) float64 {
	if a.W != b.W || a.H != b.H {
		return 255
	}
	var s float64
	for i := range a.Pix {
		d := int(a.Pix[i]) - int(b.Pix[i])
		s += float64(max(d, -d))
	}
	return s / float64(len(a.Pix))
}

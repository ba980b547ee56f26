package synth

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadImageRoundTrip(t *testing.T) {
	s := NewScene(40, 30, Gradient, 1)
	png, err := EncodePNG(s.Img)
	require.NoError(t, err)
	p := filepath.Join(t.TempDir(), "s.png")
	require.NoError(t, os.WriteFile(p, png, 0o644))
	got, err := ReadImage(p)
	require.NoError(t, err)
	assert.Equal(t, s.Img.Pix, got.Pix)
}

func TestReadImageErrors(t *testing.T) {
	_, err := ReadImage(filepath.Join(t.TempDir(), "missing.png"))
	assert.Error(t, err)
	p := filepath.Join(t.TempDir(), "bad.png")
	require.NoError(t, os.WriteFile(p, []byte("not an image"), 0o644))
	_, err = ReadImage(p)
	assert.ErrorContains(t, err, "bad.png")
}

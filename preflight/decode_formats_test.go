package preflight

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/image/tiff"
)

// refusedInBrowser checks, for an input whose format the build leaves
// out (GIF and TIFF in the browser build), that err is the clear
// unsupported-format error, and reports whether the caller's decoding
// assertions must stop there. Elsewhere it reports false and the caller
// checks the decode as usual.
func refusedInBrowser(t *testing.T, format string, err error) bool {
	t.Helper()
	if !browserOmits(format) {
		return false
	}
	require.ErrorIs(t, err, ErrUnsupportedFormat)
	require.ErrorContains(t, err, format+" is not decoded by the browser build")
	return true
}

func TestBrowserOmitsOnlyGIFAndTIFF(t *testing.T) {
	scene := smallScene(t)
	var tiffBuf bytes.Buffer
	require.NoError(t, tiff.Encode(&tiffBuf, scene.Image(), nil))
	for _, tc := range []struct {
		format string
		data   []byte
	}{
		{"gif", gifBytes(t, scene)},
		{"tiff", tiffBuf.Bytes()},
		{"jpeg", mustJPEG(t, scene, 90)},
	} {
		_, err := readImageHeader(tc.data, DefaultMaxPixels)
		if refusedInBrowser(t, tc.format, err) {
			continue
		}
		require.NoError(t, err, tc.format)
	}
}

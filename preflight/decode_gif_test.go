package preflight

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// refusedGIF checks, for a GIF input in a build that does not decode GIF
// (the browser build), that err is the clear unsupported-format error,
// and reports whether the caller's decoding assertions must stop there.
// Elsewhere it reports false and the caller checks the decode as usual.
func refusedGIF(t *testing.T, format string, err error) bool {
	t.Helper()
	if format != "gif" || gifDecoded {
		return false
	}
	require.ErrorIs(t, err, ErrUnsupportedFormat)
	require.ErrorContains(t, err, "gif is not decoded by the browser build")
	return true
}

func TestGIFRefusedOnlyWhereNotDecoded(t *testing.T) {
	_, err := readImageHeader(gifBytes(t, smallScene(t)), DefaultMaxPixels)
	if gifDecoded {
		require.NoError(t, err)
		return
	}
	require.ErrorIs(t, err, ErrUnsupportedFormat)
}

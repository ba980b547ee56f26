//go:build cgo && gocv

package preflight

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gocv.io/x/gocv"

	"github.com/idpreflight/idpreflight/internal/synth"
)

func TestLazyIMDecodeMatchesIMDecode(t *testing.T) {
	scene, err := synth.DeskPhoto(301, 203, 3, 1)
	require.NoError(t, err)
	var rgb, grey16 bytes.Buffer
	require.NoError(t, png.Encode(&rgb, scene.Image()))
	g := image.NewGray16(image.Rect(0, 0, 64, 48))
	for i := range g.Pix {
		g.Pix[i] = uint8(i * 7)
	}
	require.NoError(t, png.Encode(&grey16, g))
	cases := []struct {
		name string
		data []byte
	}{
		{"png rgb", rgb.Bytes()},
		{"png grey 16-bit", grey16.Bytes()},
		{"not an image", []byte("not an image at all")},
		{"empty", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := lazyIMDecode(tc.data, gocv.IMReadUnchanged)
			require.NoError(t, err)
			defer got.Close()
			if len(tc.data) == 0 {
				assert.True(t, got.Empty())
				return
			}
			want, err := gocv.IMDecode(tc.data, gocv.IMReadUnchanged)
			require.NoError(t, err)
			defer want.Close()
			assert.Equal(t, [3]int{want.Rows(), want.Cols(), int(want.Type())}, [3]int{got.Rows(), got.Cols(), int(got.Type())})
			assert.Equal(t, matBytes(t, want), matBytes(t, got))
		})
	}
}

package preflight

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
)

// TestCheckOddSizes: degenerate but valid images (a pixel, a line, a
// sliver) are checked without panic and reported, like any photo
// without a usable document.
func TestCheckOddSizes(t *testing.T) {
	sizes := [][2]int{{1, 1}, {2, 2}, {1, 700}, {700, 1}, {3, 500}, {17, 9}, {8, 8}}
	for _, sz := range sizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			s := synth.NewScene(sz[0], sz[1], synth.Clutter, 1)
			for _, enc := range []func() ([]byte, error){
				func() ([]byte, error) { return synth.EncodeJPEG(s.Img, 90) },
				func() ([]byte, error) { return synth.EncodePNG(s.Img) },
			} {
				data, err := enc()
				require.NoError(t, err)
				rep, err := Check(context.Background(), data)
				require.NoError(t, err)
				assert.Equal(t, sz, [2]int{rep.Width, rep.Height})
				assert.False(t, rep.Valid)
			}
		})
	}
}

// TestCheckGivenQuadsOnOddSizes: outlines given by a caller may be
// anywhere, even on an image too small to hold them.
func TestCheckGivenQuadsOnOddSizes(t *testing.T) {
	q := Quad{{-5, -5}, {50, 0}, {60, 40}, {0, 30}}
	for _, sz := range [][2]int{{1, 1}, {3, 500}, {40, 30}} {
		s := synth.NewScene(sz[0], sz[1], synth.Plain, 1)
		data, err := synth.EncodePNG(s.Img)
		require.NoError(t, err)
		rep, err := Check(context.Background(), data, WithDocumentQuads(q))
		require.NoError(t, err, "%v", sz)
		assert.False(t, rep.Valid)
	}
}

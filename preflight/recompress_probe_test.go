package preflight

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

func TestProbeLayout(t *testing.T) {
	for _, size := range [][2]int{{4000, 3000}, {3000, 4000}, {12000, 9000}, {1700, 1300}, {40, 30}} {
		g := ProbeLayout(size[0], size[1])
		require.Len(t, g.Tiles, g.Cols*g.Rows)
		assert.LessOrEqual(t, g.Pixels(), max(size[0]*size[1]/probeFraction, probeTile*probeTile))
		for _, p := range g.Tiles {
			assert.Zero(t, p.X%16, "tiles on the MCU grid")
			assert.Zero(t, p.Y%16)
			assert.LessOrEqual(t, p.X+g.Tile, max(size[0], g.Tile))
			assert.LessOrEqual(t, p.Y+g.Tile, max(size[1], g.Tile))
		}
	}
}

func TestProbeMosaicCopiesTheTiles(t *testing.T) {
	img := vision.NewRGB(3000, 2000)
	for i := range img.Pix {
		img.Pix[i] = uint8(i % 251)
	}
	g := ProbeLayout(img.W, img.H)
	m := probeMosaic(img, g)
	require.Equal(t, g.Pixels(), m.Rect.Dx()*m.Rect.Dy())
	for _, i := range []int{0, len(g.Tiles) / 2, len(g.Tiles) - 1} {
		p := g.Tiles[i]
		ox, oy := (i%g.Cols)*g.Tile, (i/g.Cols)*g.Tile
		for _, d := range [][2]int{{0, 0}, {g.Tile - 1, g.Tile - 1}, {5, 17}} {
			src := 3 * ((p.Y+d[1])*img.W + p.X + d[0])
			dst := m.PixOffset(ox+d[0], oy+d[1])
			assert.Equal(t, img.Pix[src:src+3], m.Pix[dst:dst+3], "tile %d offset %v", i, d)
		}
	}
}

package preflight

import (
	"image"
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Probe samples: square tiles on the 16-pixel MCU grid (so no 8×8 block
// or 4:2:0 macroblock straddles two tiles), spread evenly over the image
// and packed into a mosaic. JPEG spends its bits block by block, so the
// mosaic's bits per pixel are the image's, measured on a sixth of it.
const (
	probeTile      = 64
	probeFraction  = 6 // one pixel in probeFraction is sampled
	probeMaxPixels = 1_000_000
)

// ProbeGrid is the layout of a probe sample of a W×H image: Tiles[i]
// (top-left corner in the image) goes to column i%Cols, row i/Cols of a
// mosaic of Cols×Rows tiles of Tile pixels.
type ProbeGrid struct {
	Cols, Rows, Tile int
	Tiles            []image.Point
}

// Pixels is the mosaic's pixel count, the Attempt.Pixels of a probe.
func (g ProbeGrid) Pixels() int { return g.Cols * g.Rows * g.Tile * g.Tile }

// ProbeLayout returns the probe layout for a w×h image (upright, at the
// scale being probed). The browser build draws the same tiles into a
// canvas, so both measure the same sample.
func ProbeLayout(w, h int) ProbeGrid {
	t := probeTile
	n := max(1, min(w*h/probeFraction, probeMaxPixels)/(t*t))
	cols := max(1, min(int(math.Round(math.Sqrt(float64(n)*float64(w)/float64(h)))), w/t))
	rows := max(1, min(n/cols, h/t))
	g := ProbeGrid{Cols: cols, Rows: rows, Tile: t, Tiles: make([]image.Point, 0, cols*rows)}
	at := func(i, count, size int) int {
		c := (float64(i)+0.5)*float64(size)/float64(count) - float64(t)/2
		return min(max(int(c)/16*16, 0), max(size-t, 0))
	}
	for r := range rows {
		for c := range cols {
			g.Tiles = append(g.Tiles, image.Pt(at(c, cols, w), at(r, rows, h)))
		}
	}
	return g
}

// probeMosaic copies the tiles of g from img into an RGBA mosaic ready
// for an Encoder. Tiles that would run past a small image are clipped.
func probeMosaic(img *vision.RGB, g ProbeGrid) *image.RGBA {
	t := g.Tile
	out := image.NewRGBA(image.Rect(0, 0, g.Cols*t, g.Rows*t))
	for i, p := range g.Tiles {
		ox, oy := (i%g.Cols)*t, (i/g.Cols)*t
		for y := 0; y < t && p.Y+y < img.H; y++ {
			src := img.Pix[3*((p.Y+y)*img.W+p.X):]
			dst := out.Pix[out.PixOffset(ox, oy+y):]
			for x := 0; x < t && p.X+x < img.W; x++ {
				dst[4*x], dst[4*x+1], dst[4*x+2], dst[4*x+3] = src[3*x], src[3*x+1], src[3*x+2], 255
			}
		}
	}
	return out
}

package preflight

import (
	"image"
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Probe samples: bands one MCU row high (16 pixels), as wide as a few
// hundred to a few thousand pixels, on the 16-pixel grid, spread evenly
// down the image and packed into a mosaic at the same horizontal places.
// A baseline JPEG codes blocks left to right with only the DC value
// predicted from the block before, so every block of a band is coded in
// the mosaic exactly as in the whole image: the mosaic's bits per pixel
// are the image's, measured on a sixth of it or 1 MP: what is left is
// sampling error. Measured on the 12–48 MP bench photos, 160 bands of 256
// pixels or wider missed the whole encode's bytes by 3.3 % at most (whole
// rows, too few places: 6 %; 64-pixel square tiles, with their DC seams:
// 5 %).
const (
	probeBand       = 16 // band height: one 4:2:0 MCU row
	probeFraction   = 6  // one pixel in probeFraction is sampled
	probeMaxPixels  = 1_000_000
	probeMinBands   = 160 // places sampled, at least
	probeMinSegment = 256 // narrowest band (16 blocks), to keep seams rare
)

// ProbeGrid is the layout of a probe sample of a W×H image: band i of
// TileW×TileH pixels, top-left corner Tiles[i] in the image, goes to
// column i%Cols, row i/Cols of a mosaic of Cols×Rows bands.
type ProbeGrid struct {
	Cols, Rows   int
	TileW, TileH int
	Tiles        []image.Point
}

// Pixels is the mosaic's pixel count, the Attempt.Pixels of a probe.
func (g ProbeGrid) Pixels() int { return g.Cols * g.Rows * g.TileW * g.TileH }

// ProbeLayout returns the probe layout for a w×h image (upright, at the
// scale being probed). The browser build draws the same bands into a
// canvas, so both measure the same sample.
func ProbeLayout(w, h int) ProbeGrid {
	return probeLayout(w, h, probeMinBands, probeMinSegment, probeBand)
}

func probeLayout(w, h, minBands, minSegment, band int) ProbeGrid {
	w, h = max(w, 1), max(h, 1)
	th := min(band, h)
	want := max(1, min(w*h/probeFraction, probeMaxPixels))
	// Split the width into segments when whole rows would sample too few
	// places down the image (wide photos: 1 MP is 5 rows of 12000 px).
	cols := 1
	if full := want / (w * th); full < minBands {
		cols = min((minBands+max(full, 1)-1)/max(full, 1), max(1, w/minSegment))
	}
	tw := w / cols
	if tw >= 16 {
		tw = tw / 16 * 16
	}
	rowsAvail := max(1, h/th)
	rows := max(1, min(want/(tw*th*cols), rowsAvail))
	g := ProbeGrid{Cols: cols, Rows: rows, TileW: tw, TileH: th, Tiles: make([]image.Point, 0, cols*rows)}
	n := cols * rows
	for i := range n {
		// One band per stratum of rows, at a quasi-random place in it
		// (golden-ratio sequence): evenly spaced bands alias with the
		// line pitch of a text page and saw only the gaps (a 12 MP page
		// came out 41 % over the probe's prediction).
		_, u := math.Modf(float64(i) * 0.6180339887498949)
		r := int((float64(i) + u) * float64(rowsAvail) / float64(n))
		y := min(r*th, h-th) / 16 * 16
		g.Tiles = append(g.Tiles, image.Pt((i%cols)*tw, y))
	}
	return g
}

// probeMosaic copies the bands of g from img into an RGBA mosaic ready
// for an Encoder.
func probeMosaic(img *vision.RGB, g ProbeGrid) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, g.Cols*g.TileW, g.Rows*g.TileH))
	for i, p := range g.Tiles {
		ox, oy := (i%g.Cols)*g.TileW, (i/g.Cols)*g.TileH
		for y := 0; y < g.TileH && p.Y+y < img.H; y++ {
			src := img.Pix[3*((p.Y+y)*img.W+p.X):]
			dst := out.Pix[out.PixOffset(ox, oy+y):]
			for x := 0; x < g.TileW && p.X+x < img.W; x++ {
				dst[4*x], dst[4*x+1], dst[4*x+2], dst[4*x+3] = src[3*x], src[3*x+1], src[3*x+2], 255
			}
		}
	}
	return out
}

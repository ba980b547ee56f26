package preflight

import (
	"fmt"
	"image"
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// zigzag maps the zig-zag position of a DQT entry to its natural
// (row-major) position in the 8×8 block.
var zigzag = [64]int{
	0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
	12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
	35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
	58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
}

// stdLuminance is the luminance table of the JPEG standard (Annex K), in
// natural order; IJG quality q scales it.
var stdLuminance = [64]int{
	16, 11, 10, 16, 24, 40, 51, 61,
	12, 12, 14, 19, 26, 58, 60, 55,
	14, 13, 16, 24, 40, 57, 69, 56,
	14, 17, 22, 29, 51, 87, 80, 62,
	18, 22, 37, 56, 68, 109, 103, 77,
	24, 35, 55, 64, 81, 104, 113, 92,
	49, 64, 78, 87, 103, 121, 120, 101,
	72, 92, 95, 98, 112, 100, 103, 99,
}

// ijgTable returns the IJG (libjpeg) luminance table for quality q, in
// natural order, with 8-bit baseline clamping.
func ijgTable(q int) [64]float64 {
	var t [64]float64
	for i, v := range scaledTable(&stdLuminance, q) {
		t[i] = float64(v)
	}
	return t
}

// estimateJPEGQuality returns the IJG quality (1..100) whose luminance
// table is nearest to the file's (in log ratio, so that the fine steps of
// high qualities weigh as much as the coarse ones), read from the DQT
// bytes without decoding. Encoders other than libjpeg (cameras, ffmpeg,
// Photoshop) use their own tables; the answer is then the IJG quality that
// quantises as hard. ok is false when the facts hold no luminance table.
func estimateJPEGQuality(f *jpegFacts) (q int, ok bool) {
	if f == nil || f.quant[0] == nil {
		return 0, false
	}
	var have [64]float64
	for k, v := range f.quant[0] {
		have[zigzag[k]] = math.Max(float64(v), 1)
	}
	best, bestErr := 0, math.Inf(1)
	for cand := 1; cand <= 100; cand++ {
		t := ijgTable(cand)
		e := 0.0
		for i := range t {
			d := math.Log(have[i] / t[i])
			e += d * d
		}
		if e < bestErr {
			best, bestErr = cand, e
		}
	}
	return best, true
}

// measureBlockiness returns how much stronger the luma steps are across
// the JPEG block grid than elsewhere in the document, 1 meaning no grid at
// all. It looks at every phase of the grid (EXIF rotation and crops shift
// it) and takes the strongest, so it also catches a picture that was
// compressed hard, decoded and saved again at a high quality, which the
// DQT tables no longer show. It works on the document at the photo's own
// resolution, where the grid is 8 px (period 8), or on a JPEG decoded at
// 1/2 size in the DCT domain, where every block became 4 px and keeps its
// edges (period 4). Other periods measure nothing and return 1. Measured
// on a 4000×2400 synthetic photo compressed at q5–q30 and saved again at
// q95: period 4 on the half-size decode reads 0.12–0.27 below period 8 on
// the full decode, where period 8 on the half-size decode (the 4 px grid
// aliased) read 0.26–0.38 below, missing 827 from q15 up.
func measureBlockiness(g *vision.Gray, period int) float64 {
	if period != 8 && period != 4 {
		return 1
	}
	if g.W < blockMinSide*period/8 || g.H < blockMinSide*period/8 {
		return 1 // too few blocks for the phase statistics to mean anything
	}
	// Integer sums: exact, and several times faster than float64 at the
	// 3–12 MP of a source crop.
	var colSum, rowSum, colN, rowN [8]int
	mask := period - 1
	for y := 0; y+1 < g.H; y++ {
		row, next := g.Pix[y*g.W:(y+1)*g.W], g.Pix[(y+1)*g.W:(y+2)*g.W]
		ry := y & mask
		for x := 0; x+1 < g.W; x++ {
			v := int(row[x])
			dx, dy := absInt(int(row[x+1])-v), absInt(int(next[x])-v)
			// Ignore strong edges: print edges are far larger than block
			// steps and would drown them.
			if dx < blockEdgeCap {
				colSum[x&mask] += dx
				colN[x&mask]++
			}
			if dy < blockEdgeCap {
				rowSum[ry] += dy
				rowN[ry]++
			}
		}
	}
	return math.Max(gridContrast(colSum[:period], colN[:period]), gridContrast(rowSum[:period], rowN[:period]))
}

// blockPeriod is the JPEG block grid's period in the pixels of an image
// decoded at 1/scale of the photo's size: 8, or 4 after libjpeg's 1/2
// DCT-domain reduction (the gocv engine's reduced decode); 0 when the
// grid cannot be measured (1/4 and smaller leave 2 px blocks).
func blockPeriod(scale float64) int {
	switch math.Round(scale) {
	case 1:
		return 8
	case 2:
		return 4
	}
	return 0
}

// blockMinSide is the smallest crop side (in pixels, 8 blocks) on which
// blockiness is measured.
const blockMinSide = 64

// blockEdgeCap is the largest neighbour step counted by the blockiness
// measure: block boundaries of a hard-compressed photo step by a few to a
// few tens of levels, print edges by more.
const blockEdgeCap = 40

// gridContrast is the mean step at the strongest phase over the mean step
// at the other phases, with one level of slack so flat areas read 1.
func gridContrast(sum, n []int) float64 {
	mean := make([]float64, len(sum))
	for i := range sum {
		if n[i] == 0 {
			return 1
		}
		mean[i] = float64(sum[i]) / float64(n[i])
	}
	best, rest := 0, 0.0
	for i := range mean {
		if mean[i] > mean[best] {
			best = i
		}
	}
	for i := range mean {
		if i != best {
			rest += mean[i]
		}
	}
	return (mean[best] + 1) / (rest/float64(len(mean)-1) + 1)
}

// checkCompression adds 827 when the JPEG tables say the file was saved
// at a quality below MinJPEGQuality, or when the document shows the 8×8
// block grid more than MaxBlockiness although the tables claim a good
// quality or are absent (a hard-compressed picture decoded and saved
// again, a camera frame from CheckImage). Moderate tables explain their
// own mild blocks and are judged by the quality alone.
func checkCompression(rep *Report, d *decoded, src *sourceDoc, lim Thresholds) {
	q, ok := estimateJPEGQuality(d.jpeg)
	if ok {
		rep.Metrics["jpeg_quality"] = float64(q)
	}
	g, period := src.gray, blockPeriod(d.scale())
	if period == 0 && d.lumaCrop != nil {
		// Reduced past the grid: the decoder's full-resolution crop of
		// the document's middle shows it, as the photo has it.
		if crop := d.lumaCrop(blockCrop(src.photoQuad)); crop != nil {
			g, period = crop, 8
		}
	}
	b := measureBlockiness(g, period)
	rep.Metrics["blockiness"] = b
	regions := quadRegion(src.photoQuad, rep.Width, rep.Height)
	switch {
	case ok && float64(q) < lim.MinJPEGQuality:
		rep.add(Issue{Code: CodeCompressed, Severity: Fail, Value: float64(q), Threshold: lim.MinJPEGQuality, Regions: regions,
			Detail: fmt.Sprintf("JPEG saved at quality ~%d (estimated from its quantisation tables)", q)})
	case b > lim.MaxBlockiness && (!ok || float64(q) >= lim.WarnJPEGQuality):
		// The tables claim a good quality (or there are none), yet the
		// blocks show: the picture was compressed hard before.
		rep.add(Issue{Code: CodeCompressed, Severity: Fail, Value: b, Threshold: lim.MaxBlockiness, Regions: regions,
			Detail: fmt.Sprintf("8×8 JPEG blocks are visible (blockiness %.2f)", b)})
	case ok && float64(q) < lim.WarnJPEGQuality:
		rep.add(Issue{Code: CodeCompressed, Severity: Warn, Value: float64(q), Threshold: lim.MinJPEGQuality, Regions: regions,
			Detail: fmt.Sprintf("JPEG quality ~%d is low", q)})
	}
}

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// blockCropSide bounds the full-resolution crop blockiness is measured on
// after a reduced decode (see decoded.lumaCrop): 16 384 blocks hold the
// phase statistics, and the crop costs a few milliseconds.
const blockCropSide = 1024

// blockCrop is the middle of q's bounding box (photo pixels), at most
// blockCropSide a side.
func blockCrop(q vision.Quad) image.Rectangle {
	b := quadBox(q, 0)
	cx, cy := (b.X0+b.X1)/2, (b.Y0+b.Y1)/2
	hw, hh := min(b.Dx(), blockCropSide)/2, min(b.Dy(), blockCropSide)/2
	return image.Rect(cx-hw, cy-hh, cx+hw, cy+hh)
}

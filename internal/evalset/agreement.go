package evalset

import (
	"fmt"
	"maps"
	"math"
	"slices"
)

// Agreement compares two checkers (two engines) case by case: how often
// they report the same set of failing codes, and how close their main
// document quads are.
type Agreement struct {
	// Cases is the number of cases where neither checker failed.
	Cases int `json:"cases"`
	// SameCodes counts the cases with identical code sets; Rate is
	// SameCodes / Cases.
	SameCodes int     `json:"same_codes"`
	Rate      float64 `json:"rate"`
	// QuadCases counts the cases where both found a document; the IoU of
	// their main quads is summarised over those.
	QuadCases   int     `json:"quad_cases"`
	QuadIoUMean float64 `json:"quad_iou_mean"`
	QuadIoUMin  float64 `json:"quad_iou_min"`
	// Differ lists the cases whose code sets differ, with both sets.
	Differ []string `json:"differ"`
}

// Agree compares results a and b, index by index; ids names the cases.
func Agree(ids []string, a, b []Result) Agreement {
	g := Agreement{QuadIoUMin: 1}
	sum := 0.0
	for i := range min(len(ids), len(a), len(b)) {
		if a[i].Err != nil || b[i].Err != nil {
			continue
		}
		g.Cases++
		ca, cb := sortedCodes(a[i].Codes), sortedCodes(b[i].Codes)
		if slices.Equal(ca, cb) {
			g.SameCodes++
		} else {
			g.Differ = append(g.Differ, fmt.Sprintf("%s: %v vs %v", ids[i], ca, cb))
		}
		if len(a[i].Quads) > 0 && len(b[i].Quads) > 0 {
			iou := QuadIoU(a[i].Quads[0], b[i].Quads[0])
			g.QuadCases++
			sum += iou
			g.QuadIoUMin = math.Min(g.QuadIoUMin, iou)
		}
	}
	g.Rate = ratio(g.SameCodes, g.Cases)
	if g.QuadCases > 0 {
		g.QuadIoUMean = sum / float64(g.QuadCases)
	} else {
		g.QuadIoUMin = 0
	}
	return g
}

func sortedCodes(m map[int]bool) []int {
	var out []int
	for _, c := range slices.Sorted(maps.Keys(m)) {
		if m[c] {
			out = append(out, c)
		}
	}
	return out
}

package vision

import (
	"math"
	"math/bits"
)

// crossWindow is an angle (radians) by which two pair normals that
// cross (|cos| <= cosCrossing, more than acos(cosCrossing) = 0.8763
// apart) are always apart: 0.02 below it, so that no rounding of the
// angles can hide a crossing pair.
const crossWindow = 0.8763 - 0.02

// pairBins is the number of normal-angle bins of a pairIndex over [0, π).
const pairBins = 32

// pairIndex proposes the pairs whose normals may cross a given pair's,
// for enumerateHypotheses' pair-of-pairs loop, without visiting every
// pair for every other: on a textured desk (wood grain, a tablecloth's
// weave) most line pairs run one way, and the all-pairs loop spent most
// of the enumeration rejecting them (75 000 tests for ~200 quads per
// Fast frame of the fake camera clip). The pairs are binned by normal
// angle; a query takes the bins far enough from its own angle, a
// superset of the crossing pairs (the caller keeps its exact test), in
// index order, so that the loop visits what it visited before in the
// same order.
type pairIndex struct {
	angle   []float64 // each pair's normal angle, folded to [0, π)
	start   [pairBins + 1]int32
	members []int32  // pair indices by bin, ascending within a bin
	set     []uint64 // a query's candidates as a bitset over the pairs
	cand    []int32  // the last query's answer
}

// binOf is the bin of a folded angle.
func binOf(a float64) int {
	return min(int(a*(pairBins/math.Pi)), pairBins-1)
}

// build indexes pairs (their normals n are unit vectors).
func (x *pairIndex) build(pairs []linePair) {
	x.angle = resized(x.angle, len(pairs))
	x.members = resized(x.members, len(pairs))
	x.set = resized(x.set, (len(pairs)+63)/64)
	var count [pairBins]int32
	for i, p := range pairs {
		a := math.Atan2(p.n.Y, p.n.X)
		if a < 0 {
			a += math.Pi
		}
		if a >= math.Pi {
			a -= math.Pi
		}
		x.angle[i] = a
		count[binOf(a)]++
	}
	x.start[0] = 0
	for b := range pairBins {
		x.start[b+1] = x.start[b] + count[b]
	}
	next := x.start
	for i, a := range x.angle {
		b := binOf(a)
		x.members[next[b]] = int32(i)
		next[b]++
	}
}

// crossing returns, ascending, the indices q > pi of the pairs whose
// normals are more than crossWindow from pair pi's on both sides (angles
// wrap at π): every pair that crosses it, and a few that do not; valid
// until the next call.
func (x *pairIndex) crossing(pi int) []int32 {
	clear(x.set)
	const binWidth = math.Pi / pairBins
	lo, hi := x.angle[pi]+crossWindow, x.angle[pi]+math.Pi-crossWindow
	// Bins of the unwrapped range [lo, hi] (below 2π), taken modulo
	// pairBins.
	for b := int(lo / binWidth); b <= int(hi/binWidth); b++ {
		bb := b % pairBins
		for _, q := range x.members[x.start[bb]:x.start[bb+1]] {
			if int(q) > pi {
				x.set[q>>6] |= 1 << (q & 63)
			}
		}
	}
	x.cand = x.cand[:0]
	for w, word := range x.set {
		for word != 0 {
			x.cand = append(x.cand, int32(64*w+bits.TrailingZeros64(word)))
			word &= word - 1
		}
	}
	return x.cand
}
